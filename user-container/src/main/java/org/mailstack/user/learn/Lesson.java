package org.mailstack.user.learn;

import java.util.Optional;

import org.mailstack.core.maildir.FolderName;
import org.mailstack.core.maildir.SpecialUse;

/** What a transfer between folders teaches the spam filter: the message is spam, or it is ham. */
public enum Lesson {
    SPAM("spam"),
    HAM("ham");

    private static final FolderName JUNK = SpecialUse.JUNK.folder();
    private static final FolderName TRASH = SpecialUse.TRASH.folder();
    private final String path;

    Lesson(String path) {
        this.path = path;
    }

    /** The last element of the main container's learn path ({@code /learn/spam}, {@code /learn/ham}). */
    public String path() {
        return path;
    }

    /**
     * Into Junk from any other folder: spam. Out of Junk into any other folder but Trash: ham (a message thrown away
     * from Junk says nothing about it). Anything else teaches nothing. COPY and MOVE count alike.
     */
    public static Optional<Lesson> of(FolderName source, FolderName target) {
        if (target.equals(JUNK) && !source.equals(JUNK)) {
            return Optional.of(SPAM);
        }
        if (source.equals(JUNK) && !target.equals(JUNK) && !target.equals(TRASH)) {
            return Optional.of(HAM);
        }
        return Optional.empty();
    }
}
