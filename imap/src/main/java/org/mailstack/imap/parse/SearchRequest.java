package org.mailstack.imap.parse;

import java.util.List;

/**
 * SEARCH arguments: the ESEARCH return options of RFC 4731 ({@code returnOptions} is null for a classic SEARCH;
 * an empty list means ALL), the charset, and the key.
 */
public record SearchRequest(List<String> returnOptions, String charset, SearchKey key) {
    public SearchRequest {
        returnOptions = returnOptions == null ? null : List.copyOf(returnOptions);
    }

    public boolean extended() {
        return returnOptions != null;
    }
}
