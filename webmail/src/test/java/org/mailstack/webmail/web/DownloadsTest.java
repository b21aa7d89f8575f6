package org.mailstack.webmail.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadsTest {

    @Test
    void fileNamesLosePathsQuotesAndControls() {
        assertThat(Downloads.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(Downloads.safeName("..\\..\\boot.ini")).isEqualTo("boot.ini");
        assertThat(Downloads.safeName("a\"b\r\nc.txt")).isEqualTo("a_b__c.txt");
        assertThat(Downloads.safeName("...hidden")).isEqualTo("hidden");
        assertThat(Downloads.safeName("")).isEqualTo("attachment");
        assertThat(Downloads.safeName("x".repeat(300))).hasSize(150);
    }

    @Test
    void dispositionIsAttachmentWithAsciiFallbackAndUtf8Name() {
        assertThat(Downloads.disposition("Résumé \"final\".pdf"))
                .isEqualTo("attachment; filename=\"R_sum_ _final_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20_final_.pdf");
    }

    @Test
    void activeOrMalformedTypesAreServedAsOctetStream() {
        assertThat(Downloads.contentType("text/html")).isEqualTo("application/octet-stream");
        assertThat(Downloads.contentType("image/svg+xml")).isEqualTo("application/octet-stream");
        assertThat(Downloads.contentType("text/plain\r\nX-Evil: 1")).isEqualTo("application/octet-stream");
        assertThat(Downloads.contentType("IMAGE/PNG")).isEqualTo("image/png");
        assertThat(Downloads.contentType("application/zip")).isEqualTo("application/zip");
    }
}
