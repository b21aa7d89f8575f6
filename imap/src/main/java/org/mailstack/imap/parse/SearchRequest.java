package org.mailstack.imap.parse;

/**
 * SEARCH arguments: the RETURN options ({@code returnOptions} is null for a classic SEARCH, see
 * {@link ReturnOptions}), the charset, and the key.
 */
public record SearchRequest(ReturnOptions returnOptions, String charset, SearchKey key) {

    public boolean extended() {
        return returnOptions != null;
    }
}
