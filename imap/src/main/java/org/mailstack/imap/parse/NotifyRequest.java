package org.mailstack.imap.parse;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A NOTIFY command's arguments (RFC 5465 section 8): {@code NONE}, or {@code SET [STATUS] event-group ...}. Parsing
 * checks the syntax only; which events are supported and how they combine is the command's to judge.
 *
 * @param status whether STATUS was given: the current STATUS of every mailbox watched for message events is sent
 */
public record NotifyRequest(boolean none, boolean status, List<Group> groups) {

    /** A mailbox filter (RFC 5465 section 6). */
    public enum Filter { SELECTED, SELECTED_DELAYED, INBOXES, PERSONAL, SUBSCRIBED, SUBTREE, MAILBOXES;

        public boolean selected() {
            return this == SELECTED || this == SELECTED_DELAYED;
        }
    }

    /** The events RFC 5465 section 5 names; anything else is {@link #OTHER}. */
    public enum Event { MESSAGENEW, MESSAGEEXPUNGE, FLAGCHANGE, ANNOTATIONCHANGE, MAILBOXNAME, SUBSCRIPTIONCHANGE,
        MAILBOXMETADATACHANGE, SERVERMETADATACHANGE, OTHER }

    /**
     * One event group.
     *
     * @param mailboxes the decoded names after SUBTREE or MAILBOXES, else empty
     * @param events    the events, empty for NONE
     * @param fetchAtts MessageNew's fetch attributes as sent, {@code (...)}; null when none were given
     * @param unknown   event names this server does not know (extensions), in the order given
     */
    public record Group(Filter filter, List<String> mailboxes, Set<Event> events, String fetchAtts,
                        List<String> unknown) {
    }

    public static NotifyRequest parse(ImapReader r) {
        if (r.consumeWord("NONE")) {
            r.end();
            return new NotifyRequest(true, false, List.of());
        }
        if (!r.consumeWord("SET")) {
            throw new ParseException("Expected SET or NONE");
        }
        r.sp();
        boolean status = false;
        if (r.consumeWord("STATUS ")) {
            status = true;
        } else if (r.consumeWord("(STATUS) ")) { // the status-indicator of some drafts
            status = true;
        }
        List<Group> groups = new ArrayList<>();
        groups.add(group(r));
        while (r.consume(' ')) {
            groups.add(group(r));
        }
        r.end();
        return new NotifyRequest(false, status, List.copyOf(groups));
    }

    private static Group group(ImapReader r) {
        r.expect('(');
        String f = r.atom().toUpperCase(Locale.ROOT);
        Filter filter = switch (f) {
            case "SELECTED" -> Filter.SELECTED;
            case "SELECTED-DELAYED" -> Filter.SELECTED_DELAYED;
            case "INBOXES" -> Filter.INBOXES;
            case "PERSONAL" -> Filter.PERSONAL;
            case "SUBSCRIBED" -> Filter.SUBSCRIBED;
            case "SUBTREE" -> Filter.SUBTREE;
            case "MAILBOXES" -> Filter.MAILBOXES;
            default -> throw new ParseException("Unknown mailbox filter");
        };
        List<String> mailboxes = new ArrayList<>();
        if (filter == Filter.SUBTREE || filter == Filter.MAILBOXES) {
            r.sp();
            if (r.consume('(')) {
                mailboxes.add(r.mailbox());
                while (r.consume(' ')) {
                    mailboxes.add(r.mailbox());
                }
                r.expect(')');
            } else {
                mailboxes.add(r.mailbox());
            }
        }
        r.sp();
        Set<Event> events = EnumSet.noneOf(Event.class);
        List<String> unknown = new ArrayList<>();
        String fetchAtts = null;
        if (!r.consumeWord("NONE")) {
            r.expect('(');
            do {
                String name = r.atom();
                Event e;
                try {
                    e = Event.valueOf(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    e = Event.OTHER;
                }
                if (e == Event.OTHER) {
                    unknown.add(name);
                } else if (!events.add(e)) {
                    throw new ParseException("Event given twice");
                }
                if (e == Event.MESSAGENEW && r.peek() == ' ') {
                    int save = r.position();
                    r.sp();
                    if (r.peek() == '(') {
                        int start = r.position();
                        FetchParser.attList(r);
                        fetchAtts = r.textSince(start);
                    } else {
                        r.rewind(save);
                    }
                }
            } while (r.consume(' '));
            r.expect(')');
        }
        r.expect(')');
        return new Group(filter, List.copyOf(mailboxes), events, fetchAtts, List.copyOf(unknown));
    }
}
