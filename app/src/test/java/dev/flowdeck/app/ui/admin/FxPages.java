package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.PrimerLight;
import dev.flowdeck.app.ui.kit.ConsolePage;
import dev.flowdeck.app.ui.kit.FixedContext;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.admin.schema.SchemaRegistry;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Mounts one console page in a plain stage with the console's theme, as the shell will. */
final class FxPages {
    /** Monocle's headless screen is 1280x800 unless told otherwise; a larger stage overflows its frame buffer. */
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    private FxPages() {
    }

    static Stage mount(ConsolePage page) throws TimeoutException {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            s.setScene(new Scene((Parent) page.content(), WIDTH, HEIGHT));
            s.setTitle("Flowdeck - " + page.title());
            s.show();
            page.shown();
        });
        return stage;
    }

    /** One embedded broker in {@code dir} for a whole test class, with these topics already created. */
    static EmbeddedKafka startBroker(Path dir, NewTopic... topics) throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(topics)).all().get();
        }
        return broker;
    }

    /** The context a page gets from the shell: this broker, no database, and a profile's Schema Registry if any. */
    static FixedContext context(FxTaskRunner tasks, KafkaSettings kafka, Path dir, Optional<SchemaRegistry> registry) {
        return new FixedContext(tasks, Optional.of(kafka), Optional.empty(), dir, dir.resolve("config"), registry);
    }

    /** Closes a page mounted by {@link #mount}, its task runner and the stage, as the shell does on leaving it. */
    static void unmount(FxRobot robot, ConsolePage page, FxTaskRunner tasks) throws TimeoutException {
        robot.interact(page::close);
        tasks.close();
        FxToolkit.cleanupStages();
    }
}
