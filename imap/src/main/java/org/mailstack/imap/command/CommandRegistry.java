package org.mailstack.imap.command;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.mailstack.imap.session.SessionState;

/**
 * Every command in one place, with the session states it is valid in (RFC 3501 section 3) and when the selected
 * mailbox's changes may be announced before its tagged response. {@code UID} forms are looked up separately
 * (RFC 3501 section 6.4.8).
 */
public final class CommandRegistry {
    /** When the dispatcher may sync and announce changes before the tagged response. */
    public enum Announce {
        /** Always (when a mailbox is selected). */
        ALWAYS,
        /** Never: the command ends or replaces the selection, or announces itself. */
        NEVER,
        /** Only in the UID form: FETCH, STORE and SEARCH must not cause EXPUNGE (RFC 3501 section 7.4.1). */
        UID_ONLY
    }

    /** A registered command. */
    public record Entry(ImapCommand command, Set<SessionState> states, Announce announce, boolean hasUidForm) {
    }

    private static final Set<SessionState> ANY =
            Set.of(SessionState.NOT_AUTHENTICATED, SessionState.AUTHENTICATED, SessionState.SELECTED);
    private static final Set<SessionState> NOT_AUTHENTICATED = Set.of(SessionState.NOT_AUTHENTICATED);
    private static final Set<SessionState> AUTHENTICATED = Set.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
    private static final Set<SessionState> SELECTED = Set.of(SessionState.SELECTED);

    private final Map<String, Entry> commands = new HashMap<>();

    public CommandRegistry() {
        add("CAPABILITY", ANY, Announce.ALWAYS, new SimpleCommands.Capability());
        add("NOOP", ANY, Announce.ALWAYS, new SimpleCommands.Noop("NOOP"));
        add("LOGOUT", ANY, Announce.NEVER, new SimpleCommands.Logout());
        add("ID", ANY, Announce.ALWAYS, new IdCommand());
        add("STARTTLS", NOT_AUTHENTICATED, Announce.NEVER, new AuthCommands.StartTls());
        add("LOGIN", NOT_AUTHENTICATED, Announce.NEVER, new AuthCommands.Login());
        add("AUTHENTICATE", NOT_AUTHENTICATED, Announce.NEVER, new AuthCommands.Authenticate());
        add("ENABLE", AUTHENTICATED, Announce.ALWAYS, new EnableCommand());
        add("NOTIFY", AUTHENTICATED, Announce.ALWAYS, new NotifyCommand());
        add("COMPRESS", AUTHENTICATED, Announce.NEVER, new CompressCommand());
        add("NAMESPACE", AUTHENTICATED, Announce.ALWAYS, new SimpleCommands.Namespace());
        add("SELECT", AUTHENTICATED, Announce.NEVER, new SelectCommand(false));
        add("EXAMINE", AUTHENTICATED, Announce.NEVER, new SelectCommand(true));
        add("CREATE", AUTHENTICATED, Announce.ALWAYS, new FolderCommands.Create());
        add("DELETE", AUTHENTICATED, Announce.ALWAYS, new FolderCommands.Delete());
        add("RENAME", AUTHENTICATED, Announce.ALWAYS, new FolderCommands.Rename());
        add("SUBSCRIBE", AUTHENTICATED, Announce.ALWAYS, new FolderCommands.Subscribe(true));
        add("UNSUBSCRIBE", AUTHENTICATED, Announce.ALWAYS, new FolderCommands.Subscribe(false));
        add("LIST", AUTHENTICATED, Announce.ALWAYS, new ListCommand(false));
        add("LSUB", AUTHENTICATED, Announce.ALWAYS, new ListCommand(true));
        add("STATUS", AUTHENTICATED, Announce.ALWAYS, new StatusCommand());
        add("GETQUOTAROOT", AUTHENTICATED, Announce.ALWAYS, new QuotaCommands.GetQuotaRoot());
        add("GETQUOTA", AUTHENTICATED, Announce.ALWAYS, new QuotaCommands.GetQuota());
        add("SETQUOTA", AUTHENTICATED, Announce.ALWAYS, new QuotaCommands.SetQuota());
        add("APPEND", AUTHENTICATED, Announce.ALWAYS, new AppendCommand());
        add("IDLE", AUTHENTICATED, Announce.ALWAYS, new IdleCommand());
        add("CHECK", SELECTED, Announce.ALWAYS, new SimpleCommands.Noop("Check"));
        add("CLOSE", SELECTED, Announce.NEVER, new MailboxCommands.Close(true));
        add("UNSELECT", SELECTED, Announce.NEVER, new MailboxCommands.Close(false));
        add("CANCELUPDATE", SELECTED, Announce.ALWAYS, new CancelUpdateCommand());
        addWithUid("EXPUNGE", Announce.ALWAYS, new MailboxCommands.Expunge());
        addWithUid("COPY", Announce.ALWAYS, new MailboxCommands.Copy(false));
        addWithUid("MOVE", Announce.ALWAYS, new MailboxCommands.Copy(true));
        addWithUid("STORE", Announce.UID_ONLY, new StoreCommand());
        addWithUid("FETCH", Announce.UID_ONLY, new FetchCommand());
        addWithUid("SEARCH", Announce.UID_ONLY, new SearchCommand());
        addWithUid("SORT", Announce.UID_ONLY, new SortCommand());
        addWithUid("THREAD", Announce.UID_ONLY, new ThreadCommand());
    }

    private void add(String name, Set<SessionState> states, Announce announce, ImapCommand command) {
        commands.put(name, new Entry(command, states, announce, false));
    }

    private void addWithUid(String name, Announce announce, ImapCommand command) {
        commands.put(name, new Entry(command, SELECTED, announce, true));
    }

    /** The entry for an upper-case command name, or null. */
    public Entry find(String name, boolean uid) {
        Entry e = commands.get(name);
        return e == null || (uid && !e.hasUidForm()) ? null : e;
    }
}
