package org.mailstack.main.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * DKIM signing (RFC 6376) with rsa-sha256 and relaxed/relaxed canonicalisation (§3.4.2, §3.4.4), through Apache
 * jDKIM. Returns the {@code DKIM-Signature} header field, CRLF-terminated, to be prepended to the message unchanged.
 */
public final class DkimSigner {
    /** Signed header fields (RFC 6376 §5.4.1): From is required; the others are the ones readers rely on. */
    private static final String HEADERS = "from:to:cc:subject:date:message-id:reply-to:mime-version:content-type"
            + ":content-transfer-encoding:in-reply-to:references";
    private final DkimKeys keys;

    public DkimSigner(DkimKeys keys) {
        this.keys = keys;
    }

    /** Signs {@code message}; returns {@code "DKIM-Signature: ...\r\n"}. */
    public byte[] sign(InputStream message) throws IOException {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + keys.domain() + "; s=" + keys.selector()
                + "; h=" + HEADERS + "; bh=; b=;";
        try {
            String header = new DKIMSigner(template, keys.privateKey()).sign(message);
            return (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        } catch (FailException e) {
            throw new IOException("DKIM signing failed: " + e.getMessage(), e);
        }
    }
}
