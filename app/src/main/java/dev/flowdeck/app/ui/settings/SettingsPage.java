package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.scene.Node;

/**
 * The Settings page: connection profiles, Test connection, switching the pipeline to another profile; the data
 * folder (sizes, free disk, Reset data) and the retention.
 */
public final class SettingsPage implements ConsolePage {
    private final SettingsViewModel vm;
    private final DataFolderViewModel dataFolder;
    private final RetentionViewModel retention;
    private SettingsView view;

    /** Profiles only. */
    public SettingsPage(SettingsViewModel vm) {
        this(vm, null, null);
    }

    public SettingsPage(SettingsViewModel vm, DataFolderViewModel dataFolder, RetentionViewModel retention) {
        this.vm = vm;
        this.dataFolder = dataFolder;
        this.retention = retention;
    }

    @Override
    public String id() {
        return "settings";
    }

    @Override
    public String title() {
        return "Settings";
    }

    @Override
    public Node content() {
        if (view == null) {
            view = new SettingsView(vm, dataFolder == null ? null : DataFolderView.cards(dataFolder, retention));
        }
        return view;
    }

    @Override
    public void shown() {
        if (dataFolder != null) {
            dataFolder.refresh();
            retention.refreshStatus();
        }
    }

    public SettingsViewModel viewModel() {
        return vm;
    }
}
