package dev.flowdeck.app.ui.processor;

import atlantafx.base.theme.PrimerLight;
import dev.flowdeck.app.host.Seeds;
import dev.flowdeck.app.ui.kit.FxTaskRunner;
import dev.flowdeck.engine.Pipeline;
import dev.flowdeck.engine.StageState;
import dev.flowdeck.engine.cdc.CdcPoller;
import dev.flowdeck.engine.config.DbSettings;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.config.PipelineSettings;
import dev.flowdeck.engine.db.Database;
import dev.flowdeck.engine.stream.ProcessorInsight;
import dev.flowdeck.engine.stream.ProcessorPart;
import dev.flowdeck.engine.stream.ProcessorSettings;
import dev.flowdeck.engine.stream.StreamProcessor;
import dev.flowdeck.infra.EmbeddedKafka;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Processor page on a running pipeline (embedded broker, H2, Kafka Streams): the topology drawn from
 * {@code TopologyDescription}, the threads and tasks with their lag, the group's members, the commit figures; stream
 * threads changed live, the commit interval changed through a restart that the page announces.
 */
class ProcessorPageTest {
    static {
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path dir;
    static EmbeddedKafka broker;
    static Pipeline pipeline;
    static StreamProcessor processor;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(EmbeddedKafka.Options.in(dir.resolve("broker")));
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
        Database db = Database.connect(new DbSettings("jdbc:h2:file:" + dir.resolve("h2/livedb").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "flowdeck", ""));
        PipelineSettings settings = new PipelineSettings().partitions(3).rowsPerBurst(20).burstIntervalMs(50);
        pipeline = new Pipeline(db, kafka, settings, Seeds.load(null, p -> { }));
        processor = pipeline.add(new ProcessorPart(new ProcessorSettings().commitIntervalMs(200), dir.resolve("streams")));
        CdcPoller.ensureTopics(kafka, settings);
        pipeline.startAllWhenReady(Duration.ofSeconds(60));
        assertThat(processor.awaitState(StageState.RUNNING, Duration.ofSeconds(90))).as(processor.status().message()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        FxToolkit.cleanupStages();
        if (pipeline != null) {
            pipeline.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void showsTheTopologyTasksAndMembersAndAppliesSettings() throws Exception {
        FxTaskRunner tasks = new FxTaskRunner();
        ProcessorPage page = new ProcessorPage(() -> Optional.of(processor), tasks);
        FxToolkit.registerPrimaryStage();
        Stage stage = FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            s.setScene(new Scene((Parent) page.content(), 1280, 800));
            s.show();
            page.shown();
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> taskTable().getItems().size() >= 3 && !instanceTable().getItems().isEmpty());
            ProcessorInsight.Graph graph = page.viewModel().graphProperty().get();
            assertThat(graph.nodes()).extracting(ProcessorInsight.Node::kind).contains(ProcessorInsight.Node.Kind.SOURCE,
                    ProcessorInsight.Node.Kind.PROCESSOR, ProcessorInsight.Node.Kind.SINK, ProcessorInsight.Node.Kind.STORE);
            assertThat(graph.nodes()).filteredOn(n -> n.kind() == ProcessorInsight.Node.Kind.SOURCE)
                    .extracting(ProcessorInsight.Node::topic).contains(PipelineSettings.DEFAULT_TOPIC);
            Pane drawn = robot.lookup("#processor-graph").queryAs(Pane.class);
            assertThat(drawn.getChildren().stream().filter(Label.class::isInstance).count())
                    .as("a box and label per node").isEqualTo(graph.nodes().size());
            assertThat(taskTable().getItems()).extracting(ProcessorViewModel.TaskRow::task).contains("0_0", "0_1", "0_2");
            assertThat(taskTable().getItems()).allSatisfy(r -> assertThat(r.thread()).contains("StreamThread-1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> label("#processor-figures").getText().matches("commits [1-9].*"));
            assertThat(label("#processor-headline").getText()).contains("RUNNING");
            shot(stage.getScene(), "processor");
            for (String table : new String[] {"#instance-table", "#task-table"}) {
                assertThat(robot.lookup(table + " .table-cell").queryAllAs(TableCell.class))
                        .filteredOn(c -> c.getGraphic() instanceof Text t && t.getText().contains(PipelineSettings.DEFAULT_TOPIC))
                        .as("partition cells of " + table).isNotEmpty()
                        .allSatisfy(c -> {
                            Text t = (Text) c.getGraphic();
                            assertThat(t.getText()).as("the whole list").isEqualTo(c.getItem());
                            assertThat(t.getBoundsInParent().getMaxY()).as("every partition readable: the row grew to the wrapped lines")
                                    .isLessThanOrEqualTo(c.getHeight() + 1);
                            assertThat(t.getBoundsInParent().getMaxX()).as("within the column").isLessThanOrEqualTo(c.getWidth() + 1);
                        });
            }
            robot.interact(() -> robot.lookup("#stream-threads").queryAs(Spinner.class).getValueFactory().setValue(2));
            assertThat(label("#processor-settings-note").getText()).contains("live");
            robot.interact(() -> robot.lookup("#apply-processor-settings").queryButton().fire());
            await().atMost(Duration.ofSeconds(60)).until(() -> processor.stats().streamThreads() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> taskTable().getItems().stream().map(ProcessorViewModel.TaskRow::thread)
                    .distinct().count() == 2);

            robot.interact(() -> robot.lookup("#commit-interval").queryAs(TextField.class).setText("500"));
            assertThat(label("#processor-settings-note").getText()).startsWith("Applying restarts the processor");
            robot.interact(() -> robot.lookup("#apply-processor-settings").queryButton().fire());
            await().atMost(Duration.ofSeconds(90)).until(() -> label("#processor-settings-note").getText().startsWith("Restarted"));
            assertThat(processor.settings().commitIntervalMs()).isEqualTo(500);
            assertThat(processor.awaitState(StageState.RUNNING, Duration.ofSeconds(90))).isTrue();
        } finally {
            robot.interact(page::close);
            tasks.close();
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<ProcessorViewModel.TaskRow> taskTable() {
        return robot.lookup("#task-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<ProcessorInsight.Instance> instanceTable() {
        return robot.lookup("#instance-table").queryAs(TableView.class);
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    private static void shot(Scene scene, String name) throws Exception {
        Path shots = Path.of(System.getProperty("flowdeck.shots", "/tmp/flowdeck-admin-shots"));
        Files.createDirectories(shots);
        WritableImage image = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", shots.resolve(name + ".png").toFile());
    }
}
