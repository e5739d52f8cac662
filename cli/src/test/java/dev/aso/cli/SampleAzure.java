package dev.aso.cli;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * For a test class: the ARM emulator in-process with a {@link SampleGroup} made in it before the class's tests, stopped
 * after them. {@code @RegisterExtension static final SampleAzure AZURE = new SampleAzure("name");}
 */
final class SampleAzure implements BeforeAllCallback, AfterAllCallback {

    private final SampleGroup group;
    private EmulatorFixture fx;

    SampleAzure(String groupName) {
        this.group = SampleGroup.named(groupName);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            fx = new EmulatorFixture(Files.createTempDirectory("asoctl-emulator"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        group.create(fx);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (fx != null) {
            fx.close();
        }
    }

    EmulatorFixture fx() {
        return fx;
    }

    SampleGroup group() {
        return group;
    }
}
