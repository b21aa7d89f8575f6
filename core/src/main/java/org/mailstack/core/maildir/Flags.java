package org.mailstack.core.maildir;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An immutable set of message flags: system flags plus keywords (RFC 3501 section 2.3.2).
 * Keywords compare case-insensitively and keep the spelling they were first given.
 *
 * @param system   the system flags
 * @param keywords the keywords, e.g. {@code $Forwarded}, {@code Junk}
 */
public record Flags(Set<SystemFlag> system, SortedSet<String> keywords) {

    /** No flag at all. */
    public static final Flags NONE = new Flags(EnumSet.noneOf(SystemFlag.class), new TreeSet<>());

    public Flags {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(keywords, "keywords");
        system = Collections.unmodifiableSet(system.isEmpty() ? EnumSet.noneOf(SystemFlag.class) : EnumSet.copyOf(system));
        TreeSet<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        k.addAll(keywords);
        keywords = Collections.unmodifiableSortedSet(k);
    }

    /** Flags with the given system flags and no keyword. */
    public static Flags of(SystemFlag... flags) {
        EnumSet<SystemFlag> set = EnumSet.noneOf(SystemFlag.class);
        Collections.addAll(set, flags);
        return new Flags(set, new TreeSet<>());
    }

    /** Flags with the given system flags and keywords. */
    public static Flags of(Collection<SystemFlag> system, Collection<String> keywords) {
        EnumSet<SystemFlag> set = EnumSet.noneOf(SystemFlag.class);
        set.addAll(system);
        return new Flags(set, new TreeSet<>(keywords));
    }

    public boolean contains(SystemFlag flag) {
        return system.contains(flag);
    }

    public boolean containsKeyword(String keyword) {
        return keywords.contains(keyword);
    }

    public boolean isEmpty() {
        return system.isEmpty() && keywords.isEmpty();
    }

    /** These flags plus {@code other}'s. */
    public Flags with(Flags other) {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        s.addAll(system);
        s.addAll(other.system);
        TreeSet<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        k.addAll(keywords);
        k.addAll(other.keywords);
        return new Flags(s, k);
    }

    /** These flags minus {@code other}'s. */
    public Flags without(Flags other) {
        EnumSet<SystemFlag> s = EnumSet.noneOf(SystemFlag.class);
        s.addAll(system);
        s.removeAll(other.system);
        TreeSet<String> k = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        k.addAll(keywords);
        k.removeAll(other.keywords);
        return new Flags(s, k);
    }

    /** Equal flags: same system flags, same keywords ignoring case. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Flags f)) {
            return false;
        }
        return system.equals(f.system) && keywords.size() == f.keywords.size() && keywords.containsAll(f.keywords);
    }

    @Override
    public int hashCode() {
        int h = system.hashCode();
        for (String k : keywords) {
            h = 31 * h + k.toLowerCase(Locale.ROOT).hashCode();
        }
        return h;
    }
}
