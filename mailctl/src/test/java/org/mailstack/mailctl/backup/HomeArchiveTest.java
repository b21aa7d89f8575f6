package org.mailstack.mailctl.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HomeArchiveTest {
    final HomeArchive home = new HomeArchive("/home/box");

    @Test
    void aHomeWithMailRulesKeysAndLinksInsideIsCounted() throws IOException {
        assertEquals(new HomeArchive.Counts(8, 4), home.check(new ByteArrayInputStream(HomeTar.sample())));
    }

    @Test
    void pathsLeavingTheHomeAreRefusedByName() {
        refused(new HomeTar().file("/etc/passwd", "x"), "'/etc/passwd' is not a relative path");
        refused(new HomeTar().file("box/../../etc/cron.d/x", "x"), "'box/../../etc/cron.d/x' has an empty, '.' or '..'");
        refused(new HomeTar().file("box/Maildir/./x", "x"), "has an empty, '.' or '..' component");
        refused(new HomeTar().file("etc/passwd", "x"), "'etc/passwd' is outside box/");
        refused(new HomeTar().file("boxer/x", "x"), "is outside box/");
    }

    @Test
    void linksLeavingTheHomeAreRefused() {
        refused(new HomeTar().symlink("box/shadow", "/etc/shadow"), "points to '/etc/shadow', outside /home/box");
        refused(new HomeTar().symlink("box/up", "../alice"), "points to '../alice', outside /home/box");
        refused(new HomeTar().symlink("box/Maildir/deep", "../../../x"), "outside /home/box");
        refused(new HomeTar().symlink("box/other", "/home/boxer/x"), "outside /home/box");
        refused(new HomeTar().entry("box/hard", '1', "etc/passwd", 0644, new byte[0]),
                "hard link 'box/hard' to 'etc/passwd' is outside box/");
    }

    @Test
    void devicesAndFifosAreRefused() {
        refused(new HomeTar().entry("box/null", '3', "", 0666, new byte[0]), "is of type '3'");
        refused(new HomeTar().entry("box/pipe", '6', "", 0666, new byte[0]), "is of type '6'");
    }

    @Test
    void linksInsideTheHomePass() throws IOException {
        byte[] tar = new HomeTar().dir("box/").symlink("box/a", "Maildir/../rules.sieve").symlink("box/b", "/home/box")
                .symlink("box/Maildir/c", "../rules.sieve")
                .entry("box/d", '1', "box/rules.sieve", 0644, new byte[0]).bytes();
        assertEquals(new HomeArchive.Counts(0, 0), home.check(new ByteArrayInputStream(tar)));
    }

    private void refused(HomeTar tar, String why) {
        UnsafeEntryException e = assertThrows(UnsafeEntryException.class,
                () -> home.check(new ByteArrayInputStream(tar.bytes())));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
