package org.mailstack.main.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Typed reads of environment variables, each with a default; a malformed value is a startup error naming the variable. */
final class Env {
    private final Map<String, String> vars;

    Env(Map<String, String> vars) {
        this.vars = vars;
    }

    String string(String name, String fallback) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    int integer(String name, int fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + v, e);
        }
    }

    /** A port that may be turned off with {@code -1} ({@link Config.Ports#OFF}). */
    int portOrOff(String name, int fallback) {
        if (String.valueOf(Config.Ports.OFF).equals(string(name, null))) {
            return Config.Ports.OFF;
        }
        return integer(name, fallback);
    }

    /** One of {@code allowed} (compared in lower case), or {@code fallback} when unset. */
    String choice(String name, String fallback, String... allowed) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a;
            }
        }
        throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed) + ": " + v);
    }

    /** An absolute {@code http://} or {@code https://} URL with a host. */
    URI httpUrl(String name, String value) {
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an http:// URL with a host: " + value);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + value, e);
        }
    }

    /** A size such as {@code 25M}, {@code 512K} or a plain byte count. */
    long bytes(String name, long fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        String s = v.toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = s.charAt(s.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1024L : last == 'M' ? 1024L * 1024 : 1024L * 1024 * 1024;
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " is not a size (e.g. 25M): " + v, e);
        }
    }

    /** A duration such as {@code 30s}, {@code 15m}, {@code 2h}, {@code 5d}, {@code 250ms} or an ISO-8601 {@code PT30S}. */
    Duration duration(String name, Duration fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return parseDuration(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " is not a duration (e.g. 30s, 15m, 5d): " + v, e);
        }
    }

    static Duration parseDuration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        char unit = s.charAt(s.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        switch (unit) {
            case 's': return Duration.ofSeconds(n);
            case 'm': return Duration.ofMinutes(n);
            case 'h': return Duration.ofHours(n);
            case 'd': return Duration.ofDays(n);
            default: throw new IllegalArgumentException("unknown unit " + unit);
        }
    }
}
