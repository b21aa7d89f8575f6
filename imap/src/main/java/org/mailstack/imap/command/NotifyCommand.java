package org.mailstack.imap.command;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.mailstack.imap.parse.NotifyRequest;
import org.mailstack.imap.parse.NotifyRequest.Event;
import org.mailstack.imap.parse.NotifyRequest.Group;
import org.mailstack.imap.response.Completion;
import org.mailstack.imap.session.ImapSession;

/**
 * NOTIFY (RFC 5465): {@code NOTIFY NONE} stops notifications, {@code NOTIFY SET [STATUS] event-group ...} replaces
 * them with a {@link Notifier}. Rules of sections 5 and 6 checked here: MessageNew and MessageExpunge only together,
 * FlagChange (and AnnotationChange) only with them, only message events for SELECTED and SELECTED-DELAYED, fetch
 * attributes only there, one selected filter at most: otherwise {@code BAD}. Events this server does not offer
 * (AnnotationChange, the METADATA ones, unknown extensions) are {@code NO [BADEVENT (supported events)]}.
 */
final class NotifyCommand implements ImapCommand {
    static final String SUPPORTED = "MessageNew MessageExpunge FlagChange MailboxName SubscriptionChange";
    private static final Set<Event> OFFERED = Set.of(Event.MESSAGENEW, Event.MESSAGEEXPUNGE, Event.FLAGCHANGE,
            Event.MAILBOXNAME, Event.SUBSCRIPTIONCHANGE);

    @Override
    public Completion execute(ImapSession s, Request r) throws IOException {
        NotifyRequest req = NotifyRequest.parse(r.args());
        if (req.none()) {
            s.notifications(null);
            return Completion.ok("NOTIFY completed.");
        }
        String bad = check(req.groups());
        if (bad != null) {
            return Completion.bad(bad);
        }
        for (Group g : req.groups()) {
            if (!g.unknown().isEmpty() || !OFFERED.containsAll(g.events())) {
                return Completion.no("BADEVENT (" + SUPPORTED + ")", "Event not supported.");
            }
        }
        s.notifications(null);
        s.notifications(Notifier.start(s, req));
        return Completion.ok("NOTIFY completed.");
    }

    /** The reason a valid parse is still a bad NOTIFY (RFC 5465 sections 5 and 6), or null. */
    private static String check(List<Group> groups) {
        int selected = 0;
        for (Group g : groups) {
            Set<Event> e = g.events();
            if (e.contains(Event.MESSAGENEW) != e.contains(Event.MESSAGEEXPUNGE)) {
                return "MessageNew and MessageExpunge must be given together.";
            }
            if ((e.contains(Event.FLAGCHANGE) || e.contains(Event.ANNOTATIONCHANGE)) && !e.contains(Event.MESSAGENEW)) {
                return "FlagChange and AnnotationChange need MessageNew and MessageExpunge.";
            }
            if (g.filter().selected()) {
                selected++;
                if (e.contains(Event.MAILBOXNAME) || e.contains(Event.SUBSCRIPTIONCHANGE)
                        || e.contains(Event.MAILBOXMETADATACHANGE) || e.contains(Event.SERVERMETADATACHANGE)) {
                    return "Only message events apply to the selected mailbox.";
                }
            } else if (g.fetchAtts() != null) {
                return "Fetch attributes apply to the selected mailbox only.";
            }
        }
        if (selected > 1) {
            return "The selected mailbox may be named once.";
        }
        return null;
    }
}
