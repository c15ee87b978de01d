package org.ucv.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.ucv.api.auth.AuthService;
import org.ucv.auth.internal.AuthCore;
import org.ucv.auth.internal.LocalAuth;
import org.ucv.auth.internal.PasswordHasher;
import org.ucv.auth.internal.Settings;

/**
 * The {@link AuthService}: {@link AuthCore} over ConfigAdmin. Immediate, so the first-start admin
 * exists (and its password is shown) when the server comes up, not at the first login. A changed
 * {@value #PID} configuration is applied in place ({@code @Modified}): sessions survive it.
 */
@Component(service = {AuthService.class, LocalAuth.class, ConfigurationListener.class}, immediate = true,
        configurationPid = AuthComponent.PID)
@Designate(ocd = AuthConfig.class)
public final class AuthComponent extends AuthCore implements ConfigurationListener {
    static final String PID = "org.ucv.auth";
    /** The first admin's password at first start; without it one is generated and printed once. */
    static final String ADMIN_PASSWORD_ENV = "UCV_ADMIN_PASSWORD";

    @Activate
    public AuthComponent(@Reference ConfigurationAdmin configAdmin, AuthConfig config) {
        super(new ConfigAdminUsers(configAdmin), new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS, new SecureRandom()),
                Clock.systemUTC(), new SecureRandom(), settings(config));
        ensureAdmin(System.getenv(ADMIN_PASSWORD_ENV), System.out);
    }

    @Modified
    void modified(AuthConfig config) {
        configure(settings(config));
    }

    /** Users changed, by us, the Web Console or FileInstall: read them again. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (ConfigAdminUsers.FACTORY_PID.equals(event.getFactoryPid())) {
            refresh();
        }
    }

    static Settings settings(AuthConfig config) {
        String[] origins = config.allowed__origins();
        return Settings.of(config.session__idle__seconds(), config.ws__token__seconds(), config.anonymous__viewers(),
                origins == null ? List.of() : Arrays.asList(origins), config.metrics__open__loopback(),
                config.login__free__failures(), config.login__address__free__failures(), config.login__max__delay__seconds());
    }
}
