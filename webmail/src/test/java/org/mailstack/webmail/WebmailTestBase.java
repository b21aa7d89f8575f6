package org.mailstack.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh GreenMail and webmail per test, and a client; helpers to find message UIDs in list pages. */
abstract class WebmailTestBase {
    static final Pattern UID = Pattern.compile("data-uid=\"(\\d+)\"");
    MailFixture fixture;
    WebClient web;

    @BeforeEach
    void startFixture() {
        fixture = new MailFixture();
        web = new WebClient(fixture.baseUrl);
    }

    @AfterEach
    void stopFixture() {
        fixture.close();
    }

    List<String> uids(String folder) {
        return WebClient.all(UID, web.get("/mail?f=" + folder).body());
    }

    String firstUid(String folder) {
        List<String> uids = uids(folder);
        assertThat(uids).as("messages in " + folder).isNotEmpty();
        return uids.get(0);
    }
}
