package org.mailstack.user.sieve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.jsieve.ConfigurationManager;
import org.apache.jsieve.SieveConfigurationException;
import org.apache.jsieve.SieveFactory;
import org.apache.jsieve.exception.SieveException;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.ActionDiscard;
import org.apache.jsieve.mail.ActionFileInto;
import org.apache.jsieve.mail.ActionKeep;
import org.apache.jsieve.mail.ActionRedirect;
import org.apache.jsieve.mail.optional.ActionVacation;
import org.apache.jsieve.parser.generated.Node;
import org.apache.jsieve.parser.generated.ParseException;
import org.apache.jsieve.parser.generated.TokenMgrError;
import org.mailstack.core.files.OwnerDirectory;
import org.mailstack.core.files.RefusedFileException;
import org.mailstack.core.text.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's Sieve script (RFC 5228), read from one file and applied to each incoming message.
 *
 * <p>Supported: {@code keep}, {@code fileinto}, {@code discard}, {@code stop}, {@code redirect}, {@code if/elsif/else},
 * {@code require}; tests {@code header}, {@code address}, {@code envelope}, {@code size}, {@code exists},
 * {@code allof}, {@code anyof}, {@code not}, {@code true}, {@code false}; {@code vacation} (RFC 5230).
 * {@code reject} and {@code body} are switched off: a script using them is treated as broken.
 *
 * <p>The rule that matters most: <b>a broken script never loses mail</b>. A missing file means implicit keep; a script
 * that does not parse, or fails while running, yields {@link FilterResult#fallback} (INBOX) with the reason, which
 * is logged once per version of the file.
 *
 * <p>The file is re-read when its modification time or size changes, so the owner can edit it while mail arrives.
 *
 * <p>The owner writes the file, and the mail process can read what they cannot: it is read only as a regular file
 * of at most {@link #MAX_BYTES} bytes, opened through its directory without following a link (see
 * {@link OwnerDirectory}). A link, a FIFO, a directory or a larger file is a broken script: INBOX, and the reason
 * logged once per version of the file.
 */
public final class SieveRules {
    private static final Logger LOG = LoggerFactory.getLogger(SieveRules.class);

    /** The largest script read: generous for hand-written rules, small enough to parse on every change. */
    static final int MAX_BYTES = 256 * 1024;

    private record Parsed(Object fileKey, long modified, long size, Node script, String error) {
        boolean isVersion(BasicFileAttributes a) {
            return modified == a.lastModifiedTime().toMillis() && size == a.size()
                    && Objects.equals(fileKey, a.fileKey());
        }
    }

    private final Path file;
    private final SieveFactory factory;
    private Parsed cached;

    public SieveRules(Path file) {
        this.file = file;
        this.factory = newFactory();
    }

    private static SieveFactory newFactory() {
        try {
            ConfigurationManager config = new ConfigurationManager();
            config.getCommandMap().remove("reject");
            config.getCommandMap().remove("log");
            config.getTestMap().remove("body");
            return config.build();
        } catch (SieveConfigurationException e) {
            throw new IllegalStateException("jSieve configuration is missing from the class path", e);
        }
    }

    /** Applies the rules to one message; never throws. */
    public FilterResult evaluate(Envelope envelope, HeaderBlock headers, long size) {
        Parsed parsed;
        try {
            parsed = current();
        } catch (IOException e) {
            LOG.warn("Sieve rules {} unreadable, delivering to INBOX: {}", file, e.toString());
            return FilterResult.fallback("rules unreadable");
        }
        if (parsed == null) {
            return FilterResult.keep();
        }
        if (parsed.error != null) {
            return FilterResult.fallback(parsed.error);
        }
        JsieveMail mail = new JsieveMail(envelope, headers, size);
        try {
            factory.evaluate(mail, parsed.script);
            return interpret(mail.getActions(), envelope, mail.implicitKeep());
        } catch (SieveException | RuntimeException e) {
            String reason = "rules failed: " + oneLine(e.getMessage());
            LOG.warn("Sieve rules {} failed on a message, delivering to INBOX: {}", file, reason);
            return FilterResult.fallback(reason);
        }
    }

    private synchronized Parsed current() throws IOException {
        String name = file.getFileName().toString();
        try (OwnerDirectory home = OwnerDirectory.openTrusted(file.getParent())) {
            BasicFileAttributes attributes = home.attributes(name);
            if (attributes == null) {
                cached = null;
                return null;
            }
            if (cached != null && cached.isVersion(attributes)) {
                return cached;
            }
            String refused = null;
            byte[] text = null;
            if (attributes.isRegularFile() && attributes.size() > MAX_BYTES) {
                refused = "larger than " + MAX_BYTES + " bytes";
            } else {
                try {
                    text = home.readRegular(name, 0, MAX_BYTES);
                } catch (RefusedFileException e) {
                    refused = e.getReason();
                }
            }
            if (refused != null) {
                return broken(attributes, "rules not read: the file is " + refused);
            }
            if (text == null) {
                cached = null;
                return null;
            }
            try {
                cached = new Parsed(attributes.fileKey(), attributes.lastModifiedTime().toMillis(),
                        attributes.size(), factory.parse(new ByteArrayInputStream(text)), null);
                LOG.info("Sieve rules {} loaded", file);
            } catch (ParseException | TokenMgrError | RuntimeException e) {
                return broken(attributes, "rules do not parse: " + oneLine(e.getMessage()));
            }
            return cached;
        }
    }

    /** Remembers a version of the file that cannot be used, and says why once. */
    private Parsed broken(BasicFileAttributes attributes, String reason) {
        LOG.warn("Sieve rules {} ignored, mail goes to INBOX until fixed: {}", file, reason);
        cached = new Parsed(attributes.fileKey(), attributes.lastModifiedTime().toMillis(), attributes.size(), null,
                reason);
        return cached;
    }

    private static FilterResult interpret(List<Action> actions, Envelope envelope, boolean implicitKeep) {
        Set<String> folders = new LinkedHashSet<>();
        List<String> redirects = new ArrayList<>();
        Optional<VacationReply> vacation = Optional.empty();
        for (Action action : actions) {
            if (action instanceof ActionKeep) {
                folders.add("INBOX");
            } else if (action instanceof ActionFileInto fileInto) {
                folders.add(normalise(fileInto.getDestination()));
            } else if (action instanceof ActionRedirect redirect) {
                if (!redirects.contains(redirect.getAddress())) {
                    redirects.add(redirect.getAddress());
                }
            } else if (action instanceof ActionVacation v) {
                vacation = Optional.of(new VacationReply(envelope.from(), v.getSubject(), v.getReason(),
                        v.getDuration(), v.getHandle(), v.getAddresses() == null ? List.of() : v.getAddresses()));
            } else if (!(action instanceof ActionDiscard)) {
                return FilterResult.fallback("unsupported action " + action.getClass().getSimpleName());
            }
        }
        return new FilterResult(new ArrayList<>(folders), redirects, vacation, Optional.empty(), implicitKeep);
    }

    /** "inbox" in any case is the inbox (RFC 3501 section 5.1); other names are kept as written. */
    private static String normalise(String folder) {
        return folder.toUpperCase(Locale.ROOT).equals("INBOX") ? "INBOX" : folder;
    }

    private static String oneLine(String text) {
        return text == null ? "(no detail)" : SafeText.oneLine(text, 200);
    }
}
