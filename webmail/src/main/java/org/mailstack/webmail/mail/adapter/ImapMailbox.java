package org.mailstack.webmail.mail.adapter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.mailstack.webmail.mail.AttachmentData;
import org.mailstack.webmail.mail.FlagChange;
import org.mailstack.webmail.mail.FolderRole;
import org.mailstack.webmail.mail.FolderSummary;
import org.mailstack.webmail.mail.InvalidMessageException;
import org.mailstack.webmail.mail.MailEndpoint;
import org.mailstack.webmail.mail.MailException;
import org.mailstack.webmail.mail.Mailbox;
import org.mailstack.webmail.mail.MessagePage;
import org.mailstack.webmail.mail.MessageRef;
import org.mailstack.webmail.mail.MessageSummary;
import org.mailstack.webmail.mail.MessageView;
import org.mailstack.webmail.mail.NoSuchMessageException;
import org.mailstack.webmail.mail.Outgoing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.RecipientStringTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;

/**
 * One user's IMAP connection (RFC 3501) and submission route. At most one folder is selected at a time; calls are
 * serialised. Folder names and UIDs from requests are only ever resolved here, on this user's own connection.
 */
final class ImapMailbox implements Mailbox {
    private static final Logger LOG = LoggerFactory.getLogger(ImapMailbox.class);

    private final Credentials credentials;
    private final MailEndpoint imap;
    private final MailEndpoint submission;
    private final FolderDirectory directory = new FolderDirectory();
    private Store store;
    private IMAPFolder selected;
    private boolean closed;

    ImapMailbox(Credentials credentials, MailEndpoint imap, MailEndpoint submission, Store store) {
        this.credentials = credentials;
        this.imap = imap;
        this.submission = submission;
        this.store = store;
    }

    @Override
    public String address() {
        return credentials.user();
    }

    @Override
    public synchronized List<FolderSummary> folders() {
        return call(() -> directory.summaries(store()));
    }

    @Override
    public synchronized MessagePage list(String folder, int page, int pageSize, String query) {
        return call(() -> {
            IMAPFolder f = select(folder);
            Message[] matching = query == null || query.isBlank() ? null : f.search(searchTerm(query.strip()));
            int total = matching == null ? f.getMessageCount() : matching.length;
            int pageCount = Math.max(1, (total + pageSize - 1) / pageSize);
            int p = Math.min(Math.max(0, page), pageCount - 1);
            int end = total - p * pageSize;             // 1-based, inclusive: newest first
            int start = Math.max(1, end - pageSize + 1);
            Message[] slice;
            if (total == 0) {
                slice = new Message[0];
            } else if (matching == null) {
                slice = f.getMessages(start, end);
            } else {
                slice = Arrays.copyOfRange(matching, start - 1, end);
            }
            FetchProfile fp = new FetchProfile();
            fp.add(FetchProfile.Item.ENVELOPE);
            fp.add(FetchProfile.Item.FLAGS);
            fp.add(UIDFolder.FetchProfileItem.UID);
            f.fetch(slice, fp);
            List<MessageSummary> rows = new ArrayList<>();
            for (int i = slice.length - 1; i >= 0; i--) {
                if (!slice[i].isExpunged()) {
                    rows.add(Summaries.of(f.getUID(slice[i]), slice[i]));
                }
            }
            return new MessagePage(f.getFullName(), p, pageCount, total, rows);
        });
    }

    @Override
    public synchronized MessageView read(MessageRef ref) {
        return call(() -> {
            IMAPFolder f = select(ref.folder());
            return MimeReader.read(f.getFullName(), ref.uid(), message(f, ref.uid()));
        });
    }

    @Override
    public synchronized AttachmentData attachment(MessageRef ref, int index) {
        return call(() -> {
            IMAPFolder f = select(ref.folder());
            AttachmentData data = MimeReader.attachment(message(f, ref.uid()), index);
            if (data == null) {
                throw new NoSuchMessageException();
            }
            return data;
        });
    }

    @Override
    public synchronized void changeFlags(String folder, List<Long> uids, FlagChange change) {
        call(() -> {
            IMAPFolder f = select(folder);
            Message[] msgs = messages(f, uids);
            Flags.Flag flag = switch (change) {
                case READ, UNREAD -> Flags.Flag.SEEN;
                case FLAG, UNFLAG -> Flags.Flag.FLAGGED;
                case ANSWERED -> Flags.Flag.ANSWERED;
            };
            f.setFlags(msgs, new Flags(flag), change != FlagChange.UNREAD && change != FlagChange.UNFLAG);
            return null;
        });
    }

    @Override
    public synchronized void move(String folder, List<Long> uids, String targetFolder) {
        call(() -> {
            if (!knownFolder(targetFolder)) {
                throw new NoSuchMessageException();
            }
            IMAPFolder f = select(folder);
            if (!f.getFullName().equals(targetFolder)) {
                moveMessages(f, messages(f, uids), store().getFolder(targetFolder));
                deselect();
            }
            return null;
        });
    }

    @Override
    public synchronized void delete(String folder, List<Long> uids) {
        call(() -> {
            String trash = directory.ensure(store(), FolderRole.TRASH);
            IMAPFolder f = select(folder);
            Message[] msgs = messages(f, uids);
            if (f.getFullName().equals(trash)) {
                expunge(f, msgs);
            } else {
                moveMessages(f, msgs, store().getFolder(trash));
            }
            deselect();
            return null;
        });
    }

    @Override
    public synchronized void send(Outgoing message) {
        call(() -> {
            MimeMessage mime = MimeWriter.build(credentials.user(), message, true);
            Submission.send(mime, submission, credentials);
            mime.setFlag(Flags.Flag.SEEN, true);
            append(FolderRole.SENT, mime);
            return null;
        });
    }

    @Override
    public synchronized void saveDraft(Outgoing message) {
        call(() -> {
            MimeMessage mime = MimeWriter.build(credentials.user(), message, false);
            mime.setFlag(Flags.Flag.SEEN, true);
            mime.setFlag(Flags.Flag.DRAFT, true);
            append(FolderRole.DRAFTS, mime);
            return null;
        });
    }

    @Override
    public synchronized void discardDraft(long uid) {
        call(() -> {
            Optional<String> drafts = directory.folderFor(store(), FolderRole.DRAFTS);
            if (drafts.isPresent()) {
                IMAPFolder f = select(drafts.get());
                expunge(f, messages(f, List.of(uid)));
                deselect();
            }
            return null;
        });
    }

    @Override
    public synchronized void createFolder(String name) {
        call(() -> {
            if (knownFolder(name) || store().getFolder(name).exists()) {
                throw new InvalidMessageException("A folder with that name exists.");
            }
            if (!store().getFolder(name).create(Folder.HOLDS_MESSAGES)) {
                throw new InvalidMessageException("The server did not accept that folder name.");
            }
            directory.refresh(store());
            return null;
        });
    }

    @Override
    public synchronized Optional<String> folderFor(FolderRole role) {
        return call(() -> directory.folderFor(store(), role));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        credentials.clear();
        try {
            if (selected != null && selected.isOpen()) {
                selected.close(false);
            }
            store.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("closing the IMAP connection of {} failed", credentials.user(), e);
        }
    }

    private void append(FolderRole role, MimeMessage mime) throws MessagingException {
        Folder target = store().getFolder(directory.ensure(store(), role));
        target.appendMessages(new Message[] {mime});
    }

    private boolean knownFolder(String name) throws MessagingException {
        if (!directory.exists(name)) {
            directory.refresh(store());
        }
        return directory.exists(name);
    }

    /** Selects a folder of this user's mailbox (RFC 3501 §6.3.1), reusing the selection when it is the same. */
    private IMAPFolder select(String name) throws MessagingException {
        Store s = store();
        if (selected != null && selected.isOpen() && selected.getFullName().equals(name)) {
            return selected;
        }
        if (name == null || !knownFolder(name)) {
            throw new NoSuchMessageException();
        }
        deselect();
        IMAPFolder folder = (IMAPFolder) s.getFolder(name);
        folder.open(Folder.READ_WRITE);
        selected = folder;
        return folder;
    }

    /** Closes the selected folder so the next request selects it afresh, with no stale message numbers. */
    private void deselect() throws MessagingException {
        if (selected != null && selected.isOpen()) {
            selected.close(false);
        }
        selected = null;
    }

    private static Message message(IMAPFolder f, long uid) throws MessagingException {
        Message m = f.getMessageByUID(uid);
        if (m == null || m.isExpunged()) {
            throw new NoSuchMessageException();
        }
        return m;
    }

    private static Message[] messages(IMAPFolder f, List<Long> uids) throws MessagingException {
        long[] wanted = uids.stream().mapToLong(Long::longValue).filter(u -> u > 0).toArray();
        Message[] found = wanted.length == 0 ? new Message[0]
                : Arrays.stream(f.getMessagesByUID(wanted)).filter(Objects::nonNull).toArray(Message[]::new);
        if (found.length == 0) {
            throw new NoSuchMessageException();
        }
        return found;
    }

    /** MOVE (RFC 6851) when the server has it, else COPY, \Deleted and expunge. */
    private static void moveMessages(IMAPFolder from, Message[] msgs, Folder to) throws MessagingException {
        if (((IMAPStore) from.getStore()).hasCapability("MOVE")) {
            from.moveMessages(msgs, to);
        } else {
            from.copyMessages(msgs, to);
            expunge(from, msgs);
        }
    }

    /** Deletes for good: UID EXPUNGE (RFC 4315) of just these messages when possible. */
    private static void expunge(IMAPFolder f, Message[] msgs) throws MessagingException {
        f.setFlags(msgs, new Flags(Flags.Flag.DELETED), true);
        f.expunge(msgs);
    }

    private static SearchTerm searchTerm(String query) {
        return new OrTerm(new SearchTerm[] {
            new SubjectTerm(query), new FromStringTerm(query),
            new RecipientStringTerm(Message.RecipientType.TO, query), new BodyTerm(query)});
    }

    /** The connected store, reconnecting once with the session's credentials if the server dropped us. */
    private Store store() throws MessagingException {
        if (closed) {
            throw new MailException("the session has ended");
        }
        if (!store.isConnected()) {
            LOG.info("IMAP connection of {} was closed; reconnecting", credentials.user());
            selected = null;
            store = JakartaMailConnector.connect(credentials, imap);
        }
        return store;
    }

    private interface MailCall<T> {
        T run() throws MessagingException, IOException;
    }

    /**
     * Runs one operation; when the server dropped the connection or the selected folder meanwhile (autologout,
     * RFC 3501 §5.4), reconnects with the session's credentials and tries once more.
     */
    private <T> T call(MailCall<T> body) {
        try {
            try {
                return body.run();
            } catch (FolderClosedException | StoreClosedException e) {
                LOG.info("IMAP connection of {} was closed; reconnecting", credentials.user());
                selected = null;
                if (store.isConnected()) {
                    store.close();
                }
                return body.run();
            }
        } catch (MessagingException | IOException e) {
            LOG.warn("IMAP operation failed for {}", credentials.user(), e);
            throw new MailException("The mail server could not do that. Try again.", e);
        }
    }
}
