package org.mailstack.user.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.dockerjava.api.DockerClient;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The files of a container's Maildir at one moment, copied out through the Docker API as a tar archive; paths are
 * relative to the Maildir root, e.g. {@code new/1700000000.M1P1Q1.host} or {@code .Lists/cur/...}.
 */
public final class MaildirSnapshot {
    /** One message file. */
    public record MessageFile(String path, String text) {
        /** The folder's directory under the root: "" for INBOX, ".Lists" for Lists. */
        public String folderDir() {
            int slash = path.lastIndexOf('/', path.lastIndexOf('/') - 1);
            return slash < 0 ? "" : path.substring(0, slash);
        }

        /** "new", "cur" or "tmp". */
        public String subdir() {
            String[] parts = path.split("/");
            return parts[parts.length - 2];
        }
    }

    private final Map<String, String> files;

    private MaildirSnapshot(Map<String, String> files) {
        this.files = files;
    }

    /** Copies {@code maildir} (an absolute path in the container) out of container {@code id}. */
    public static MaildirSnapshot of(DockerClient docker, String id, String maildir) {
        Map<String, String> files = new TreeMap<>();
        try (InputStream tar = docker.copyArchiveFromContainerCmd(id, maildir).exec();
             TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isFile()) {
                    String name = entry.getName();
                    String relative = name.substring(name.indexOf('/') + 1);
                    files.put(relative, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MaildirSnapshot(files);
    }

    /** Message files in new/, cur/ or tmp/ of any folder. */
    public List<MessageFile> messages() {
        List<MessageFile> messages = new ArrayList<>();
        files.forEach((path, text) -> {
            if (path.matches("(\\.[^/]+/)?(new|cur|tmp)/[^/]+")) {
                messages.add(new MessageFile(path, text));
            }
        });
        return messages;
    }

    /** Messages in new/ and cur/, i.e. delivered ones. */
    public List<MessageFile> delivered() {
        return messages().stream().filter(m -> !m.subdir().equals("tmp")).toList();
    }

    /** Files in any tmp/ directory. */
    public List<MessageFile> inTmp() {
        return messages().stream().filter(m -> m.subdir().equals("tmp")).toList();
    }
}
