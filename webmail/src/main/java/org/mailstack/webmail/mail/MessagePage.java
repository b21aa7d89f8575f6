package org.mailstack.webmail.mail;

import java.util.List;

/**
 * One page of a folder's messages, newest first.
 *
 * @param folder    the folder's full name
 * @param page      the page number, 0 for the newest
 * @param pageCount how many pages there are (at least 1)
 * @param total     how many messages match (all, or those found by the search)
 */
public record MessagePage(String folder, int page, int pageCount, int total, List<MessageSummary> messages) {
    public MessagePage {
        messages = List.copyOf(messages);
    }
}
