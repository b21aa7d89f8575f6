package org.mailstack.user.it;

import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;
import javax.net.ssl.SSLContext;

/** A Jakarta Mail (Angus) IMAPS store for the account, with small look-ups the client test re-reads with. */
final class JakartaMailbox implements AutoCloseable {
    private final Store store;

    JakartaMailbox(SSLContext trust, int port, String user, String password) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.socketFactory", trust.getSocketFactory());
        // the context trusts exactly the container's certificate, which names the account's host, not 127.0.0.1
        props.put("mail.imaps.ssl.checkserveridentity", "false");
        props.put("mail.imaps.socketFactory.fallback", "false");
        props.put("mail.imaps.connectiontimeout", "15000");
        props.put("mail.imaps.timeout", "15000");
        store = Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", port, user, password);
    }

    Store store() {
        return store;
    }

    /** The folder, created (to hold messages) when it does not exist yet. */
    Folder folder(String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("could not create " + name);
        }
        return folder;
    }

    /** The messages of an open folder whose X-Seq header is {@code seq}. */
    static Message[] bySeq(Folder open, int seq) throws MessagingException {
        return open.search(new HeaderTerm("X-Seq", String.valueOf(seq)));
    }

    /** How many messages of the folder, opened read-only for the question, carry X-Seq {@code seq}. */
    int count(String folderName, int seq) throws MessagingException {
        Folder folder = store.getFolder(folderName);
        folder.open(Folder.READ_ONLY);
        try {
            return bySeq(folder, seq).length;
        } finally {
            folder.close(false);
        }
    }

    @Override
    public void close() throws MessagingException {
        store.close();
    }
}
