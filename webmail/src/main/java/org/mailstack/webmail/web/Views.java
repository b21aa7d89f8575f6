package org.mailstack.webmail.web;

import java.util.List;
import org.mailstack.webmail.mail.FolderSummary;
import org.mailstack.webmail.mail.MessagePage;
import org.mailstack.webmail.mail.MessageView;
import org.mailstack.webmail.session.WebSession;

/**
 * What each page template of {@code src/main/jte} is given: one record a page, holding values only. Every text in
 * them is untrusted and written as given; the templates' output escapes it ({@link PageOutput}).
 */
final class Views {
    private Views() {
    }

    /**
     * The frame of a signed-in page ({@code frame.jte}).
     *
     * @param title   the document title
     * @param current the folder shown, or empty
     * @param query   the search, empty when none
     * @param notice  the one-time notice, or {@code null}
     */
    record Frame(String title, String address, String csrf, List<FolderSummary> folders, String current,
                 String query, String notice) {
        Frame {
            query = query == null ? "" : query;
        }

        /** The frame for this session; takes its notice, which is shown once. */
        static Frame of(String title, WebSession session, List<FolderSummary> folders, String current, String query) {
            return new Frame(title, session.address(), session.csrfToken(), folders, current, query,
                    session.takeNotice());
        }
    }

    /** {@code login.jte}: the token, the domain for the placeholder, the address typed, and the error or null. */
    record Login(String token, String mailDomain, String address, String error) {
        Login {
            address = address == null ? "" : address;
        }
    }

    /** {@code error.jte}: the HTTP status and the text for the user. */
    record Failure(int status, String message) {
    }

    /** {@code list.jte}: a page of a folder, or of a search in it; the folder is Drafts when {@code drafts}. */
    record Listing(Frame frame, String heading, MessagePage page, String query, boolean drafts) {
        Listing {
            query = query == null ? "" : query;
        }
    }

    /** {@code read.jte}: one message, how many remote images its HTML had blocked, and whether they are shown. */
    record Reading(Frame frame, MessageView message, int blockedImages, boolean images) {
    }

    /** {@code compose.jte}: the form. */
    record Composing(Frame frame, ComposeForm form) {
    }
}
