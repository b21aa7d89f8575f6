package org.mailstack.imap.command;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import org.mailstack.core.maildir.MailboxView;
import org.mailstack.core.maildir.MessageInfo;
import org.mailstack.core.maildir.SystemFlag;
import org.mailstack.imap.mime.EnvelopeParser;
import org.mailstack.imap.mime.HeaderDates;
import org.mailstack.imap.parse.ImapDates;
import org.mailstack.imap.parse.SearchKey;
import org.mailstack.imap.session.ImapSession;

/**
 * Evaluates a search key (RFC 3501 section 6.4.4) against one message. Flag, size, date and set keys use only the
 * cached message list; header and text keys open the file once per message, through {@link MessageText}.
 * Matching is case-insensitive substring matching on decoded text, as the RFC asks.
 */
final class SearchEvaluator {
    private final ImapSession session;
    private final MailboxView view;
    private final long maxUid;

    SearchEvaluator(ImapSession session) {
        this.session = session;
        this.view = session.selected().view();
        this.maxUid = view.size() == 0 ? 0 : view.get(view.size()).uid();
    }

    boolean matches(SearchKey key, int seq, MessageInfo m) throws IOException {
        return eval(key, seq, m, new MessageText[1]);
    }

    private boolean eval(SearchKey key, int seq, MessageInfo m, MessageText[] text) throws IOException {
        if (key instanceof SearchKey.All) {
            return true;
        } else if (key instanceof SearchKey.Flag f) {
            return hasFlag(m, f.flag()) == f.set();
        } else if (key instanceof SearchKey.Recent r) {
            return view.isRecent(m.uid()) == r.recent();
        } else if (key instanceof SearchKey.Size s) {
            return s.larger() ? m.size() > s.size() : m.size() < s.size();
        } else if (key instanceof SearchKey.Set s) {
            if (s.set().isSaved()) {
                return session.selected().isSaved(m.uid());
            }
            return s.uid() ? s.set().contains(m.uid(), maxUid) : s.set().contains(seq, view.size());
        } else if (key instanceof SearchKey.ModSeq ms) {
            return m.modSeq() >= ms.modseq();
        } else if (key instanceof SearchKey.Not n) {
            return !eval(n.key(), seq, m, text);
        } else if (key instanceof SearchKey.Or o) {
            return eval(o.left(), seq, m, text) || eval(o.right(), seq, m, text);
        } else if (key instanceof SearchKey.And a) {
            for (SearchKey k : a.keys()) {
                if (!eval(k, seq, m, text)) {
                    return false;
                }
            }
            return true;
        } else if (key instanceof SearchKey.Date d) {
            Optional<LocalDate> date = d.sent() ? sentDate(text(text, m)) :
                    Optional.of(ImapDates.internalDay(m.internalDate()));
            if (date.isEmpty()) {
                return false;
            }
            return switch (d.op()) {
                case BEFORE -> date.get().isBefore(d.date());
                case ON -> date.get().isEqual(d.date());
                case SINCE -> !date.get().isBefore(d.date());
            };
        } else if (key instanceof SearchKey.Header h) {
            String value = text(text, m).headerValue(h.field());
            String needle = h.value().toLowerCase(Locale.ROOT);
            return value != null && (value.contains(needle) || isAddressField(h.field())
                    && EnvelopeParser.searchText(value).toLowerCase(Locale.ROOT).contains(needle));
        } else if (key instanceof SearchKey.Text t) {
            String needle = t.value().toLowerCase(Locale.ROOT);
            MessageText mt = text(text, m);
            return mt.body().contains(needle) || (t.includeHeader()
                    && (mt.allHeaders().contains(needle) || mt.partHeaders().contains(needle)));
        }
        throw new IllegalStateException("unknown key " + key);
    }

    private MessageText text(MessageText[] holder, MessageInfo m) throws IOException {
        if (holder[0] == null) {
            holder[0] = new MessageText(view, m.uid(),
                    () -> session.server().structures().get(session.account(), view, m.uid()),
                    () -> session.server().headers().get(session.account(), view, m.uid(),
                            () -> MessageText.readTopHeader(view, m.uid())));
        }
        return holder[0];
    }

    /** Address fields are also searched by their parsed addresses (comments and spacing dropped). */
    private static boolean isAddressField(String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "from", "to", "cc", "bcc", "sender", "reply-to" -> true;
            default -> false;
        };
    }

    private static boolean hasFlag(MessageInfo m, String flag) {
        if (flag.startsWith("\\")) {
            return SystemFlag.fromImapName(flag).map(f -> m.flags().contains(f)).orElse(false);
        }
        return m.flags().containsKeyword(flag);
    }

    private static Optional<LocalDate> sentDate(MessageText text) throws IOException {
        return HeaderDates.parse(text.header().get("Date")).map(ZonedDateTime::toLocalDate);
    }
}
