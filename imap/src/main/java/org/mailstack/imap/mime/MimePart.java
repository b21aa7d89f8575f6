package org.mailstack.imap.mime;

import java.util.List;

/**
 * One body part of a stored message with its byte offsets in the file, and the fields BODYSTRUCTURE needs
 * (RFC 3501 section 7.4.2). Type and subtype are kept as written and compared case-insensitively.
 * A {@code message/rfc822} part has {@link #message()}, the enclosed message; a message's top part (the root, or
 * an enclosed message) has its {@link #envelope()}.
 *
 * @param headerStart offset of the part's first header line
 * @param bodyStart   offset of the first body octet (after the blank line)
 * @param end         offset just past the last body octet
 * @param bodyLines   number of lines of the body
 */
public record MimePart(long headerStart, long bodyStart, long end, long bodyLines, String type, String subtype,
                       List<Param> params, String id, String description, String encoding, String md5,
                       String disposition, List<Param> dispositionParams, String language, String location,
                       List<MimePart> children, MimePart message, Envelope envelope) {

    /** A parameter as written: {@code charset=us-ascii}. */
    public record Param(String name, String value) {
    }

    public MimePart {
        params = List.copyOf(params);
        dispositionParams = dispositionParams == null ? null : List.copyOf(dispositionParams);
        children = List.copyOf(children);
    }

    public boolean isMultipart() {
        return type.equalsIgnoreCase("multipart");
    }

    public boolean isMessage() {
        return message != null;
    }

    public long bodySize() {
        return end - bodyStart;
    }

    public long headerSize() {
        return bodyStart - headerStart;
    }

    /**
     * The part a section path names (RFC 3501 section 6.4.5): numbers index the children of a multipart; a number
     * after a message/rfc822 part indexes into the enclosed message. A message whose body is not multipart has
     * only a part 1, that body (so on a message whose top part is message/rfc822, {@code 1} is that part and
     * {@code 1.1} the enclosed body; on a plain text message {@code 1.1} does not exist). As other servers do, a
     * non-multipart child of a multipart is also its own part 1. Returns null when there is no such part.
     */
    public MimePart find(List<Integer> path) {
        MimePart p = this;
        boolean messageBody = true;
        boolean first = true;
        for (int n : path) {
            if (!first && p.isMessage()) {
                p = p.message;
                messageBody = true;
            } else if (!first && messageBody) {
                return null;
            }
            first = false;
            if (p.isMultipart()) {
                if (n < 1 || n > p.children.size()) {
                    return null;
                }
                p = p.children.get(n - 1);
                messageBody = false;
            } else if (n != 1) {
                return null;
            }
        }
        return p;
    }
}
