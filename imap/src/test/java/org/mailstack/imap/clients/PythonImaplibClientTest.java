package org.mailstack.imap.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mailstack.imap.testkit.ConversationTest;

/** Python's imaplib, run as a subprocess against 127.0.0.1, does a typical session. */
class PythonImaplibClientTest extends ConversationTest {
    private static final String SCRIPT = """
            import imaplib, sys
            port = int(sys.argv[1])
            m = imaplib.IMAP4('127.0.0.1', port)
            m.login('alice', 'secret')
            typ, data = m.list()
            assert typ == 'OK' and any(b'INBOX' in d for d in data), data
            typ, data = m.select('INBOX')
            assert typ == 'OK' and data[0] == b'1', data
            typ, data = m.search(None, 'SUBJECT', 'python')
            assert data[0] == b'1', data
            typ, data = m.fetch('1', '(RFC822)')
            assert b'from python' in data[0][1], data
            typ, data = m.store('1', '+FLAGS', '\\\\Flagged')
            assert typ == 'OK' and b'\\\\Flagged' in data[0], data
            typ, data = m.append('INBOX', None, None, b'Subject: appended\\r\\n\\r\\nbody\\r\\n')
            assert typ == 'OK', data
            typ, data = m.copy('1', 'Archive')
            assert typ == 'OK', data
            typ, data = m.store('1', '+FLAGS', '\\\\Deleted')
            typ, data = m.expunge()
            assert data[0] == b'1', data
            typ, data = m.status('Archive', '(MESSAGES)')
            assert b'MESSAGES 1' in data[0], data
            m.create('py/sub')
            typ, data = m.list('""', 'py/*')
            assert any(b'py/sub' in d for d in data), data
            m.close()
            m.logout()
            print('python-imaplib-ok')
            """;

    @Test
    void imaplibSession() throws Exception {
        deliver("INBOX", message("python", "from python"));
        Path script = maildir.resolve("client.py");
        Files.writeString(script, SCRIPT);
        Process p = new ProcessBuilder("python3", script.toString(), Integer.toString(server.port()))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("python-imaplib-ok"), out);
    }
}
