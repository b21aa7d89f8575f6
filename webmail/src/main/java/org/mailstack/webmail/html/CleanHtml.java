package org.mailstack.webmail.html;

/**
 * Mail HTML after sanitising.
 *
 * @param html          safe HTML for the body of the sandboxed reader
 * @param blockedImages how many remote images were removed because the user has not asked for them
 */
public record CleanHtml(String html, int blockedImages) {
}
