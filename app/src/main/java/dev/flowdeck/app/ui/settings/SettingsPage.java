package dev.flowdeck.app.ui.settings;

import dev.flowdeck.app.ui.kit.ConsolePage;
import javafx.scene.Node;

/** The Settings page: connection profiles, Test connection, switching the pipeline to another profile. */
public final class SettingsPage implements ConsolePage {
    private final SettingsViewModel vm;
    private SettingsView view;

    public SettingsPage(SettingsViewModel vm) {
        this.vm = vm;
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
            view = new SettingsView(vm);
        }
        return view;
    }

    public SettingsViewModel viewModel() {
        return vm;
    }
}
