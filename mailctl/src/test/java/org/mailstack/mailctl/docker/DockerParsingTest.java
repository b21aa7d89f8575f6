package org.mailstack.mailctl.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailstack.mailctl.account.Usage;
import org.mailstack.mailctl.tar.TarWriter;

class DockerParsingTest {
    @Test
    void usageLinesOfTheHelperAreParsedAndGarbageIgnored() {
        Map<String, Usage> u = HelperContainers.parseUsage("user-a-home 4096 3\nuser-b-home 10 0\nnoise\nx y z\n");
        assertEquals(Map.of("user-a-home", new Usage(4096, 3), "user-b-home", new Usage(10, 0)), u);
    }

    @Test
    void firstFileOfATarIsRead() throws IOException {
        byte[] tar = tar("public.pem", "KEY".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("KEY".getBytes(StandardCharsets.US_ASCII),
                TarEntries.firstFile(new ByteArrayInputStream(tar)).orElseThrow());
        assertTrue(TarEntries.firstFile(new ByteArrayInputStream(new byte[1024])).isEmpty());
    }

    @Test
    void dockerErrorJsonIsReducedToItsMessage() {
        assertEquals("secret is in use", DockerCalls.firstLine("Status 400: {\"message\":\"secret is in use\"}\n"));
        assertEquals("plain", DockerCalls.firstLine("plain\nmore"));
    }

    private static byte[] tar(String name, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TarWriter.fileHeader(name, data.length, 0));
        out.writeBytes(data);
        out.writeBytes(new byte[512 - data.length + 1024]);
        return out.toByteArray();
    }
}
