package org.mailstack.main.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-domain DKIM key pair (RSA 2048), generated at first start and kept in the state volume as
 * {@code dkim/<domain>.<selector>.key} (PKCS#8, mode 0600) with the DNS TXT record to publish beside it in
 * {@code dkim/<domain>.<selector>.txt} (RFC 6376 §3.6.1).
 */
public final class DkimKeys {
    private static final Logger LOG = LoggerFactory.getLogger(DkimKeys.class);
    private final String domain;
    private final String selector;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DkimKeys(String domain, String selector, PrivateKey privateKey, PublicKey publicKey) {
        this.domain = domain;
        this.selector = selector;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key of {@code domain} from {@code stateDir}, generating and storing it the first time. */
    public static DkimKeys loadOrCreate(Path stateDir, String domain, String selector)
            throws IOException, GeneralSecurityException {
        Path dir = stateDir.resolve("dkim");
        Files.createDirectories(dir);
        Path keyFile = dir.resolve(domain + "." + selector + ".key");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (!Files.exists(keyFile)) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair kp = gen.generateKeyPair();
            Path tmp = dir.resolve(keyFile.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, Base64.getMimeEncoder().encode(kp.getPrivate().getEncoded()));
            Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("generated the DKIM key for {} (selector {})", domain, selector);
        }
        byte[] der = Base64.getMimeDecoder().decode(Files.readAllBytes(keyFile));
        PrivateKey pk = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) pk;
        PublicKey pub = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        DkimKeys keys = new DkimKeys(domain, selector, pk, pub);
        Files.writeString(dir.resolve(domain + "." + selector + ".txt"),
                keys.dnsName() + " IN TXT \"" + keys.dnsRecord() + "\"\n", StandardCharsets.US_ASCII);
        return keys;
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The DNS name of the key record: {@code <selector>._domainkey.<domain>}. */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record value: {@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>}. */
    public String dnsRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
