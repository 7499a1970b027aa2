package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.ui.kit.PageStatus;
import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.app.ui.logs.SecretMask;
import dev.flowdeck.app.session.Profile;
import dev.flowdeck.engine.config.KafkaSettings;
import dev.flowdeck.engine.admin.schema.RegistrySettings;
import dev.flowdeck.engine.config.Secrets;
import dev.flowdeck.engine.config.SettingsException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Settings page's state: the profiles, the form of the selected one, and the actions Test connection, Save, Use
 * (switch the pipeline to it) and Delete. Secret Kafka properties are shown masked once saved; a masked value left
 * as it is keeps the stored secret. Saving and switching run through the {@link TaskRunner}.
 */
public final class SettingsViewModel {
    public enum TestState { NONE, RUNNING, OK, FAILED }

    private final PageStatus page = new PageStatus(e -> String.valueOf(e.getMessage()));
    private final ProfileStore store;
    private final TaskRunner tasks;
    private final Supplier<Profile> active;
    private final Consumer<Profile> switchTo;
    private final ConnectionTest.Probes probes;

    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Profile.Kind> kind = new SimpleObjectProperty<>(Profile.Kind.EMBEDDED);
    private final StringProperty bootstrap = new SimpleStringProperty("");
    private final StringProperty kafkaProperties = new SimpleStringProperty("");
    private final StringProperty jdbcUrl = new SimpleStringProperty("");
    private final StringProperty dbUser = new SimpleStringProperty("");
    private final StringProperty dbPassword = new SimpleStringProperty("");
    private final BooleanProperty rememberSecrets = new SimpleBooleanProperty();
    private final StringProperty registryUrl = new SimpleStringProperty("");
    private final StringProperty registryUser = new SimpleStringProperty("");
    private final StringProperty registryPassword = new SimpleStringProperty("");
    private final StringProperty registryToken = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<TestState> testState = new ReadOnlyObjectWrapper<>(TestState.NONE);
    private final ReadOnlyStringWrapper testKafka = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper testDatabase = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper testSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper activeName = new ReadOnlyStringWrapper("");
    private Profile loaded;

    /**
     * @param active   the profile the pipeline runs on now
     * @param switchTo restarts the pipeline on a profile; blocking, called on a background thread
     */
    public SettingsViewModel(ProfileStore store, TaskRunner tasks, Supplier<Profile> active, Consumer<Profile> switchTo,
                             ConnectionTest.Probes probes) {
        this.store = store;
        this.tasks = tasks;
        this.active = active;
        this.switchTo = switchTo;
        this.probes = probes;
        names.setAll(store.names());
        if (!names.contains(active.get().name())) {
            names.add(active.get().name());
        }
        activeName.set(active.get().name());
        selected.addListener((o, was, now) -> load(now));
        selected.set(active.get().name());
    }

    private void load(String profileName) {
        Profile p = profileName == null ? null : store.get(profileName)
                .orElseGet(() -> profileName.equals(active.get().name()) ? active.get() : null);
        if (p == null) {
            return;
        }
        loaded = p;
        name.set(p.name());
        kind.set(p.kind());
        bootstrap.set(p.bootstrapServers());
        kafkaProperties.set(maskedText(p.kafkaProperties()));
        jdbcUrl.set(Secrets.redactUrl(p.jdbcUrl())); // a password inside the URL is shown masked, like the others
        dbUser.set(p.dbUser());
        dbPassword.set(p.dbPassword());
        rememberSecrets.set(p.rememberSecrets());
        showRegistry(p.schemaRegistry().orElse(null));
        editable.set(!p.isEmbedded());
        testState.set(TestState.NONE);
        testKafka.set("");
        testDatabase.set("");
        testSummary.set("");
        message.set("");
    }

    private void showRegistry(RegistrySettings r) {
        registryUrl.set(r == null ? "" : r.url());
        registryUser.set(r == null ? "" : r.user());
        registryPassword.set(r == null ? "" : r.password());
        registryToken.set(r == null ? "" : r.token());
    }

    /** The form's Schema Registry; null when its URL is empty. */
    private RegistrySettings formRegistry() {
        String u = registryUrl.get() == null ? "" : registryUrl.get().strip();
        if (u.isEmpty()) {
            if (!blank(registryUser.get()) || !blank(registryPassword.get()) || !blank(registryToken.get())) {
                throw new SettingsException("Schema Registry credentials need its URL, e.g. http://localhost:8081");
            }
            return null;
        }
        return new RegistrySettings(u, registryUser.get(), registryPassword.get(), registryToken.get());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Properties text with secret values replaced by the mask. */
    static String maskedText(Map<String, String> props) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(props).forEach((k, v) -> b.append(k).append('=').append(Secrets.isSecretKey(k) ? Secrets.MASK : v).append('\n'));
        return b.toString();
    }

    /** Parses the properties text; a masked secret keeps the value of the loaded profile. */
    Map<String, String> parsedProperties() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(kafkaProperties.get() == null ? "" : kafkaProperties.get()));
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("the Kafka client properties are not in properties format (key=value per line): " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            String v = p.getProperty(k).strip();
            if (v.equals(Secrets.MASK) && loaded != null && loaded.kafkaProperties().containsKey(k)) {
                v = loaded.kafkaProperties().get(k);
            }
            if (!k.equals("bootstrap.servers")) {
                out.put(k, v);
            }
        }
        return out;
    }

    /** The form as a profile; throws {@link SettingsException} naming what is wrong. */
    public Profile formProfile() {
        if (kind.get() == Profile.Kind.EMBEDDED) {
            return Profile.embedded();
        }
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
            throw new SettingsException("give the profile a name");
        }
        if (n.equals(Profile.EMBEDDED_NAME)) {
            throw new SettingsException("'" + Profile.EMBEDDED_NAME + "' is the built-in profile: choose another name");
        }
        Map<String, String> props = parsedProperties();
        String servers = bootstrap.get() == null ? "" : bootstrap.get().strip();
        if (!servers.isEmpty()) {
            new KafkaSettings(servers, props); // validates host:port
        } else if (!props.isEmpty()) {
            throw new SettingsException("Kafka client properties need bootstrap servers: the embedded broker takes none");
        }
        String url = jdbcUrl.get() == null ? "" : jdbcUrl.get().strip();
        if (loaded != null && !loaded.jdbcUrl().isEmpty() && url.equals(Secrets.redactUrl(loaded.jdbcUrl()))) {
            url = loaded.jdbcUrl(); // the masked URL left as it was keeps its secret
        }
        if (!url.isEmpty()) {
            new dev.flowdeck.engine.config.DbSettings(url, dbUser.get(), dbPassword.get()); // validates the URL
        }
        if (servers.isEmpty() && url.isEmpty()) {
            throw new SettingsException("an external profile needs bootstrap servers, a JDBC URL, or both "
                    + "(leave one empty to keep that part embedded)");
        }
        return new Profile(n, Profile.Kind.EXTERNAL, servers, props, url, dbUser.get(), dbPassword.get(), rememberSecrets.get(),
                formRegistry());
    }

    public void newProfile() {
        String base = "External";
        String n = base;
        for (int i = 2; names.contains(n); i++) {
            n = base + " " + i;
        }
        loaded = null;
        name.set(n);
        kind.set(Profile.Kind.EXTERNAL);
        bootstrap.set("localhost:9092");
        kafkaProperties.set("");
        jdbcUrl.set("jdbc:postgresql://localhost:5432/flowdeck");
        dbUser.set("flowdeck");
        dbPassword.set("");
        rememberSecrets.set(false);
        showRegistry(null);
        editable.set(true);
        testState.set(TestState.NONE);
        testSummary.set("");
        message.set("New profile: fill it in, test it, then Save");
    }

    public void test() {
        Profile p;
        try {
            p = formProfile();
        } catch (SettingsException e) {
            message.set(e.getMessage());
            return;
        }
        testState.set(TestState.RUNNING);
        message.set("");
        testSummary.set("Testing… (at most " + ConnectionTest.LIMIT.toSeconds() + " s)");
        testKafka.set("");
        testDatabase.set("");
        Profile tested = p;
        tasks.run("test connection", () -> ConnectionTest.run(tested, probes), r -> {
            testState.set(r.ok() ? TestState.OK : TestState.FAILED);
            testKafka.set((tested.embeddedKafka() ? "Kafka: " : r.kafkaOk() ? "Kafka: reachable — " : "Kafka: failed — ")
                    + SecretMask.apply(uiWording(r.kafka()), tested.secretValues()));
            testDatabase.set((tested.embeddedDatabase() ? "Database: " : r.databaseOk() ? "Database: reachable — " : "Database: failed — ")
                    + SecretMask.apply(uiWording(r.database()), tested.secretValues()));
            testSummary.set(r.summary());
        }, e -> {
            testState.set(TestState.FAILED);
            testSummary.set("Test failed: " + SecretMask.apply(String.valueOf(e.getMessage()), tested.secretValues()));
        });
    }

    /** The engine's messages name command-line options; here the same things are fields of the form. */
    static String uiWording(String message) {
        return message.replace("Check --bootstrap-servers, the client properties", "Check the bootstrap servers, the Kafka client properties")
                .replace("Check --db-user and the FLOWDECK_DB_PASSWORD environment variable", "Check the user and the password")
                .replace("fix the name in --jdbc-url", "fix the name in the JDBC URL")
                .replace("Check --jdbc-url and", "Check the JDBC URL and");
    }

    public void save() {
        Profile p;
        try {
            p = formProfile();
        } catch (SettingsException | IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        if (p.isEmbedded()) {
            message.set("The Embedded profile has nothing to save");
            return;
        }
        if (loaded != null && !loaded.isEmbedded() && !loaded.name().equals(p.name())) {
            store.remove(loaded.name()); // a rename
        }
        store.put(p);
        loaded = p;
        names.setAll(store.names());
        if (!names.contains(activeName.get())) {
            names.add(activeName.get());
        }
        selected.set(p.name());
        persist("Saved profile '" + p.name() + "'" + (p.rememberSecrets() ? " (secrets in a file readable by you only)"
                : p.secretValues().isEmpty() ? "" : " (secrets kept until Flowdeck closes)"));
    }

    public void delete() {
        String n = selected.get();
        if (n == null || n.equals(Profile.EMBEDDED_NAME)) {
            message.set("The Embedded profile cannot be deleted");
            return;
        }
        if (n.equals(activeName.get())) {
            message.set("'" + n + "' is in use: switch to another profile first");
            return;
        }
        store.remove(n);
        names.setAll(store.names());
        selected.set(Profile.EMBEDDED_NAME);
        persist("Deleted profile '" + n + "'");
    }

    /** Restarts the pipeline on the form's profile (saving it first if it is a stored one). */
    public void use() {
        Profile p;
        try {
            p = formProfile();
        } catch (SettingsException e) {
            message.set(e.getMessage());
            return;
        }
        if (!p.isEmbedded()) {
            store.put(p);
            names.setAll(store.names());
        }
        store.select(p.name());
        selected.set(p.name());
        page.setBusy(true);
        message.set("Switching to '" + p.name() + "': stopping the pipeline, then starting it on the new connections…");
        tasks.run("switch profile", () -> {
            store.save();
            switchTo.accept(p);
            return null;
        }, ok -> {
            page.setBusy(false);
            activeName.set(active.get().name());
            message.set("Now using '" + p.name() + "'");
        }, e -> {
            page.setBusy(false);
            activeName.set(active.get().name());
            message.set("Switching failed: " + SecretMask.apply(String.valueOf(e.getMessage()), p.secretValues()));
        });
    }

    private void persist(String done) {
        tasks.run("save profiles", () -> {
            store.save();
            return null;
        }, ok -> message.set(done), e -> message.set("Could not save profiles: " + e.getMessage()));
    }

    public ObservableList<String> names() {
        return names;
    }

    public ObjectProperty<String> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Profile.Kind> kindProperty() {
        return kind;
    }

    public StringProperty bootstrapProperty() {
        return bootstrap;
    }

    public StringProperty kafkaPropertiesProperty() {
        return kafkaProperties;
    }

    public StringProperty jdbcUrlProperty() {
        return jdbcUrl;
    }

    public StringProperty dbUserProperty() {
        return dbUser;
    }

    public StringProperty dbPasswordProperty() {
        return dbPassword;
    }

    /** Empty for no Schema Registry. */
    public StringProperty registryUrlProperty() {
        return registryUrl;
    }

    public StringProperty registryUserProperty() {
        return registryUser;
    }

    public StringProperty registryPasswordProperty() {
        return registryPassword;
    }

    /** A bearer token, used instead of user and password when given. */
    public StringProperty registryTokenProperty() {
        return registryToken;
    }

    public BooleanProperty rememberSecretsProperty() {
        return rememberSecrets;
    }

    /** False for the built-in Embedded profile. */
    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TestState> testStateProperty() {
        return testState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testKafkaProperty() {
        return testKafka.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testDatabaseProperty() {
        return testDatabase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testSummaryProperty() {
        return testSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty activeNameProperty() {
        return activeName.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return page.busyProperty();
    }
}
