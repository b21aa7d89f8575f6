package org.mailstack.core.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes certificate chains and private keys in PEM (RFC 7468) with BouncyCastle. */
final class PemFiles {
    private PemFiles() {
    }

    /** All certificates of a PEM file, in file order (leaf first in a fullchain.pem). */
    static List<X509Certificate> readChain(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new TlsMaterialException("unreadable certificate in " + file.getFileName(), e);
        }
        if (chain.isEmpty()) {
            throw new TlsMaterialException("no certificate in " + file.getFileName());
        }
        return chain;
    }

    /** The first private key of a PEM file: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA or SEC1 EC key pairs. */
    static PrivateKey readKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    // a SEC1 EC key may come without its public half; the private key alone is all a server needs
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        }
        throw new TlsMaterialException("no unencrypted private key in " + file.getFileName());
    }

    /**
     * Writes the chain, then the key as PKCS#8 (mode 0600 from its creation), each through a temporary file and a
     * rename. The temporary files are created exclusively: the directory may be writable by someone who could plant
     * a link under their names, and a link is never written through (nor would the key land where it points).
     */
    static void write(Path dir, String chainFile, String keyFile, List<X509Certificate> chain, PrivateKey key)
            throws IOException {
        Files.createDirectories(dir);
        Path keyTmp = dir.resolve(keyFile + ".tmp");
        Files.deleteIfExists(keyTmp);
        try (Writer w = newFile(keyTmp, true); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        Path chainTmp = dir.resolve(chainFile + ".tmp");
        Files.deleteIfExists(chainTmp);
        try (Writer w = newFile(chainTmp, false); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (X509Certificate c : chain) {
                pem.writeObject(c);
            }
        }
        Files.move(keyTmp, dir.resolve(keyFile), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(chainTmp, dir.resolve(chainFile), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A new file (O_EXCL), readable by its owner only when {@code secret} and the file system has permissions. */
    private static Writer newFile(Path file, boolean secret) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel channel;
        try {
            channel = secret ? FileChannel.open(file, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : FileChannel.open(file, options);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions have to protect the key
            channel = FileChannel.open(file, options);
        }
        return Channels.newWriter(channel, StandardCharsets.US_ASCII);
    }
}
