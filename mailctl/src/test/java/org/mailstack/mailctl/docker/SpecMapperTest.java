package org.mailstack.mailctl.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.account.AccountService;
import org.mailstack.mailctl.account.Labels;
import org.mailstack.mailctl.account.SecretMount;
import org.mailstack.mailctl.account.ServiceRequest;
import org.mailstack.mailctl.account.SshPorts;

/** The JSON docker-java sends for an account service, read with docker-java's own object mapper. */
class SpecMapperTest {
    private static final ObjectMapper JSON = DefaultDockerClientConfig.createDefaultConfigBuilder().build()
            .getObjectMapper();

    private static ServiceSpec spec(int sshPort) {
        ServiceRequest r = new ServiceRequest("user-alice", "img", Map.of(Labels.ACCOUNT, "alice"), Map.of(),
                "user-alice-home", "/home/box", List.of(new SecretMount("relay", "relay_secret")), "net",
                List.of("node.id==n1"), 1, Duration.ofSeconds(5), sshPort,
                sshPort == 0 ? List.of() : List.of(SshPorts.CAPABILITY));
        return SpecMapper.toSpec(r, name -> "id-" + name);
    }

    @Test
    void anAccountWithSshGetsNetAdminAndItsPortInHostMode() throws Exception {
        JsonNode json = JSON.readTree(JSON.writeValueAsString(spec(2205)));

        JsonNode container = json.at("/TaskTemplate/ContainerSpec");
        assertEquals("CAP_NET_ADMIN", container.at("/CapabilityAdd/0").asText(), container.toString());
        JsonNode port = json.at("/EndpointSpec/Ports/0");
        assertEquals(2222, port.at("/TargetPort").asInt());
        assertEquals(2205, port.at("/PublishedPort").asInt());
        assertEquals("host", port.at("/PublishMode").asText());
        assertEquals("dnsrr", json.at("/EndpointSpec/Mode").asText());
    }

    @Test
    void secretsAreFilesOnlyRootCanRead() throws Exception {
        JsonNode file = JSON.readTree(JSON.writeValueAsString(spec(2205))).at("/TaskTemplate/ContainerSpec/Secrets/0/File");
        assertEquals("0", file.at("/UID").asText());
        assertEquals("0", file.at("/GID").asText());
        assertEquals(0400, file.at("/Mode").asInt());
    }

    @Test
    void withoutSshNothingIsPublishedNorAdded() throws Exception {
        JsonNode json = JSON.readTree(JSON.writeValueAsString(spec(0)));
        assertFalse(json.at("/TaskTemplate/ContainerSpec").has("CapabilityAdd"));
        assertTrue(json.at("/EndpointSpec/Ports").isMissingNode() || json.at("/EndpointSpec/Ports").isEmpty());
    }

    @Test
    void theSshPortIsReadBackAndACopyKeepsTheCapability() throws Exception {
        Service service = JSON.readValue("{\"ID\":\"x\",\"Spec\":" + JSON.writeValueAsString(spec(2207)) + "}",
                Service.class);
        AccountService account = SpecMapper.toAccount(service).orElseThrow();
        assertEquals(2207, account.sshPort());
        assertEquals(List.of(2207), SpecMapper.publishedPorts(service.getSpec()));

        ContainerSpec read = service.getSpec().getTaskTemplate().getContainerSpec(); // CapabilityAdd dropped here
        JsonNode copy = JSON.readTree(JSON.writeValueAsString(
                CapableContainerSpec.copyOf(read, List.of(SshPorts.CAPABILITY))));
        assertEquals("CAP_NET_ADMIN", copy.at("/CapabilityAdd/0").asText());
        assertEquals("img", copy.at("/Image").asText());
        assertEquals("relay_secret", copy.at("/Secrets/0/File/Name").asText());
    }
}
