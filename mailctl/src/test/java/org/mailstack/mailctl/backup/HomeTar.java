package org.mailstack.mailctl.backup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.mailstack.mailctl.tar.TarReader;
import org.mailstack.mailctl.tar.TarWriter;

/** Builds home archives as the archive API exports {@code /home/box}: entries under {@code box/}. */
public final class HomeTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public HomeTar dir(String name) {
        return entry(name, '5', "", 02770, new byte[0]);
    }

    public HomeTar file(String name, String data) {
        return entry(name, '0', "", 0660, data.getBytes(StandardCharsets.UTF_8));
    }

    public HomeTar symlink(String name, String target) {
        return entry(name, '2', target, 0777, new byte[0]);
    }

    public HomeTar entry(String name, char type, String link, int mode, byte[] data) {
        out.writeBytes(TarWriter.header(name, type, data.length, link, mode, 1_700_000_000L));
        out.writeBytes(data);
        out.writeBytes(new byte[TarReader.padding(data.length)]);
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(out.toByteArray());
        all.writeBytes(TarWriter.end());
        return all.toByteArray();
    }

    /**
     * A home with mail in three folders (flags and a keyword in the file names, UID lists, a keyword table), Sieve
     * rules, the SSH host key and a link inside the home: 8 files, 4 messages.
     */
    public static byte[] sample() {
        return new HomeTar().dir("box/").dir("box/Maildir/").dir("box/Maildir/cur/").dir("box/Maildir/new/")
                .dir("box/Maildir/tmp/")
                .file("box/Maildir/mailstack-uidlist", "MAILSTACK-UIDLIST 1 V1700000000 N3 M4 R1\n"
                        + "+ 1 2 1700000000000 10 c 1700000000.M1P1.box:2,FS\n+ 2 3 1700000001000 12 n 1700000001.M2P1.box\n")
                .file("box/Maildir/cur/1700000000.M1P1.box:2,FS", "Subject: one\r\n\r\nfirst\r\n")
                .file("box/Maildir/new/1700000001.M2P1.box", "Subject: two\r\n\r\nsecond\r\n")
                .dir("box/Maildir/.Lists/").dir("box/Maildir/.Lists/cur/")
                .file("box/Maildir/.Lists/dovecot-keywords", "0 $Work\n")
                .file("box/Maildir/.Lists/cur/1700000002.M3P1.box:2,Sa", "Subject: [lists] three\r\n\r\n3\r\n")
                .dir("box/Maildir/.Archive/").dir("box/Maildir/.Archive/cur/")
                .file("box/Maildir/.Archive/cur/1700000003.M4P1.box:2,RS", "Subject: [archive] four\r\n\r\n4\r\n")
                .file("box/rules.sieve", "require [\"fileinto\"];\nif header :contains \"subject\" \"[lists]\""
                        + " { fileinto \"Lists\"; }\n")
                .dir("box/.ssh/").file("box/.ssh/host_key", "-----BEGIN OPENSSH PRIVATE KEY-----\n")
                .symlink("box/inbox", "Maildir/cur").symlink("box/sent", "/home/box/Maildir/.Sent")
                .bytes();
    }
}
