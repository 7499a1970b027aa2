package dev.flowdeck.engine.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {
    @Test
    void masksUserinfoPasswordsAndPasswordParameters() {
        assertThat(Secrets.redactUrl("jdbc:postgresql://app:pa55word@db:5432/x")).isEqualTo("jdbc:postgresql://app:********@db:5432/x");
        assertThat(Secrets.redactUrl("postgres://app:pa55word@db/x and more")).doesNotContain("pa55word");
        assertThat(Secrets.redactUrl("jdbc:postgresql://db:5432/x?password=pa55word&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/x?password=********&ssl=true");
        assertThat(Secrets.redactUrl("jdbc:postgresql://db:5432/x")).isEqualTo("jdbc:postgresql://db:5432/x");
    }

    @Test
    void withoutSecretsDropsThemAndKeepsTheRest() {
        assertThat(Secrets.withoutSecrets("jdbc:postgresql://db/x?password=pw&sslmode=require")).isEqualTo("jdbc:postgresql://db/x?sslmode=require");
        assertThat(Secrets.withoutSecrets("jdbc:postgresql://db/x?sslmode=require&password=pw")).isEqualTo("jdbc:postgresql://db/x?sslmode=require");
        assertThat(Secrets.withoutSecrets("jdbc:postgresql://app:pw@db/x")).isEqualTo("jdbc:postgresql://app@db/x");
        assertThat(Secrets.withoutSecrets("jdbc:h2:file:/d/livedb;PASSWORD=pw;MODE=PostgreSQL")).isEqualTo("jdbc:h2:file:/d/livedb;MODE=PostgreSQL");
    }
}
