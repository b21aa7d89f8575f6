package org.mailstack.mailctl.docker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ContainerSpec;
import java.util.List;

/**
 * docker-java 3.7.1's {@link ContainerSpec} with the field it lacks: {@code CapabilityAdd} (Engine API 1.41,
 * Docker 20.10). Jackson serializes the runtime type, so a service spec holding this class sends the field.
 */
final class CapableContainerSpec extends ContainerSpec {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @JsonProperty("CapabilityAdd")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    private List<String> capabilityAdd = List.of();

    CapableContainerSpec withCapabilityAdd(List<String> capabilities) {
        this.capabilityAdd = List.copyOf(capabilities);
        return this;
    }

    List<String> getCapabilityAdd() {
        return capabilityAdd;
    }

    /**
     * A copy of a spec read from Docker (where docker-java dropped {@code CapabilityAdd}) with the given
     * capabilities, so that an update does not silently remove them.
     */
    static CapableContainerSpec copyOf(ContainerSpec spec, List<String> capabilities) {
        return JSON.convertValue(spec, CapableContainerSpec.class).withCapabilityAdd(capabilities);
    }
}
