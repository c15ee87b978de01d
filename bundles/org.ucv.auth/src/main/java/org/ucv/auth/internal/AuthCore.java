package org.ucv.auth.internal;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ucv.api.auth.AuthException;
import org.ucv.api.auth.AuthException.Reason;
import org.ucv.api.auth.Principal;
import org.ucv.api.auth.Role;
import org.ucv.api.auth.User;

/**
 * The whole of {@link LocalAuth} without the framework: users over a {@link UserRepository},
 * sessions, WebSocket tokens, throttling and the access rules. The component around it only
 * supplies ConfigAdmin, the configuration and the first-start password.
 */
public class AuthCore implements LocalAuth {
    /** The user created at first start. */
    public static final String FIRST_ADMIN = "admin";
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AuthCore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    /** Longer names cannot exist: the throttle keys on at most this much of what a client sent. */
    private static final int MAX_NAME_KEY = 64;
    /** Unambiguous letters and digits (no 0/O, 1/l/I): read off a terminal and typed by hand. */
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 20;

    private final UserRepository repository;
    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final SessionStore sessions;
    private final WsTokenStore wsTokens;
    private final LoginThrottle throttle;
    private final RecentCredentials recent;
    /** Checked for unknown users, so the time a login takes does not tell whether the user exists. */
    private final String dummyHash;
    private final Object writeLock = new Object();
    private volatile Settings settings;
    private volatile OriginCheck origins;
    private volatile Map<String, StoredUser> users = Map.of();

    public AuthCore(UserRepository repository, PasswordHasher hasher, Clock clock, SecureRandom random, Settings settings) {
        this.repository = repository;
        this.hasher = hasher;
        this.random = random;
        this.sessions = new SessionStore(clock, random);
        this.wsTokens = new WsTokenStore(clock, random);
        this.throttle = new LoginThrottle(clock);
        this.recent = new RecentCredentials(clock, random);
        this.dummyHash = hasher.hash(generatePassword(random));
        configure(settings);
        refresh();
    }

    /** Applies a new configuration; sessions and counters stay. */
    public final void configure(Settings newSettings) {
        this.origins = new OriginCheck(newSettings.allowedOrigins());
        this.settings = newSettings;
    }

    /** @return the configuration in force */
    public Settings settings() {
        return settings;
    }

    /** Reads the users again (after a change made elsewhere, e.g. the Web Console or a .cfg file). */
    public final void refresh() {
        // Under the write lock: a listener's refresh that read the store before a write must not
        // replace the table after the writer's own refresh.
        synchronized (writeLock) {
            Map<String, StoredUser> table = new LinkedHashMap<>();
            for (StoredUser user : repository.load()) {
                StoredUser before = table.putIfAbsent(user.name(), user);
                if (before != null) {
                    LOG.warn("Two configurations define user '{}': the first one read counts; remove the other",
                            user.name());
                }
            }
            users = Map.copyOf(table);
        }
    }

    /**
     * First start: when no admin exists, creates {@value #FIRST_ADMIN} with {@code password}, or
     * with a generated one that is written to {@code out} once (only its hash is kept).
     *
     * @param password the password from the environment, or null
     * @param out where the generated password is shown
     * @return whether an admin was created
     */
    public boolean ensureAdmin(String password, PrintStream out) {
        synchronized (writeLock) {
            refresh();
            if (users.values().stream().anyMatch(u -> u.role() == Role.ADMIN)) {
                return false;
            }
            boolean generated = password == null || password.isEmpty();
            if (!generated && !acceptable(password)) {
                LOG.error("UCV_ADMIN_PASSWORD is not {} to {} characters long: a password is generated instead",
                        MIN_PASSWORD, MAX_PASSWORD);
                generated = true;
            }
            String chosen = generated ? generatePassword(random) : password;
            if (users.containsKey(FIRST_ADMIN)) {
                LOG.warn("There is no admin user: user '{}' becomes one with a new password", FIRST_ADMIN);
            }
            repository.save(new StoredUser(FIRST_ADMIN, Role.ADMIN, hasher.hash(chosen)));
            refresh();
            sessions.endAll(FIRST_ADMIN);
            if (generated) {
                out.print(banner(chosen));
                out.flush();
                LOG.info("Created user '{}' with a generated password, shown once on the standard output", FIRST_ADMIN);
            } else {
                LOG.info("Created user '{}' with the password from UCV_ADMIN_PASSWORD", FIRST_ADMIN);
            }
            return true;
        }
    }

    static String banner(String password) {
        String line = "=".repeat(78);
        return String.join(System.lineSeparator(), line,
                " UCV first start: created the user 'admin' with this generated password:",
                "",
                "     " + password,
                "",
                " It is shown only this once; only its hash is stored. Log in and change it:",
                "   - REST: PUT /api/me/password {\"old_password\":\"...\",\"new_password\":\"...\"}",
                "   - or in the Gogo shell: ucv:passwd admin",
                " (Set UCV_ADMIN_PASSWORD before the first start to choose it yourself.)",
                line, "");
    }

    static String generatePassword(SecureRandom random) {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    @Override
    public Principal verify(String user, String password, String address) throws AuthException {
        StoredUser stored = check(user, password, address);
        return new Principal(stored.name(), stored.role(), false);
    }

    @Override
    public Principal verifyRepeated(String user, String password, String address) throws AuthException {
        StoredUser current = user == null ? null : users.get(user);
        if (current != null && password != null && recent.known(user, password, current.passwordHash())) {
            return new Principal(current.name(), current.role(), false);
        }
        StoredUser checked = check(user, password, address);
        // The hash the password was checked against: if a reset replaced it meanwhile, the entry misses.
        recent.remember(checked.name(), password, checked.passwordHash());
        return new Principal(checked.name(), checked.role(), false);
    }

    /** @return the user whose stored hash the password matched */
    private StoredUser check(String user, String password, String address) throws AuthException {
        String name = user == null ? "" : user;
        String key = name.length() > MAX_NAME_KEY ? name.substring(0, MAX_NAME_KEY) : name;
        String from = address == null ? "" : address;
        LoginThrottle.Limits limits = settings.limits();
        Duration wait = throttle.check(key, from, limits);
        if (!wait.isZero()) {
            LOG.debug("Login refused for {}: throttled for {}", from, wait);
            throw new AuthException(Reason.THROTTLED, "too many failed logins: try again in " + seconds(wait) + " s",
                    wait);
        }
        StoredUser stored = users.get(name);
        String pw = password == null ? "" : password;
        boolean ok;
        if (pw.length() > MAX_PASSWORD) {
            // Can never match (no such password can be set); no point in hashing a megabyte.
            ok = false;
        } else {
            ok = hasher.verify(pw, stored == null ? dummyHash : stored.passwordHash()) && stored != null;
        }
        if (!ok) {
            throttle.failed(key, from, limits);
            throw new AuthException(Reason.BAD_CREDENTIALS, "wrong user name or password");
        }
        throttle.succeeded(key, from);
        return stored;
    }

    /** @return whole seconds, rounded up, at least 1 */
    public static long seconds(Duration wait) {
        long s = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    @Override
    public Session login(String user, String password, String address) throws AuthException {
        return openSession(verify(user, password, address));
    }

    @Override
    public Session openSession(Principal principal) {
        if (principal.anonymous()) {
            throw new IllegalArgumentException("anonymous viewers have no session");
        }
        return new Session(sessions.open(principal.user(), settings.sessionIdle()), principal);
    }

    @Override
    public Optional<Principal> session(String sessionId) {
        Optional<String> name = sessions.use(sessionId, settings.sessionIdle());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        // The role is read now, not at login: a change made in the console applies at once.
        StoredUser user = users.get(name.get());
        if (user == null) {
            sessions.end(sessionId);
            return Optional.empty();
        }
        return Optional.of(new Principal(user.name(), user.role(), false));
    }

    @Override
    public void logout(String sessionId) {
        sessions.end(sessionId);
    }

    @Override
    public String issueWsToken(Session session) {
        if (session.id() == null && !session.principal().anonymous()) {
            throw new IllegalArgumentException("only an anonymous viewer has no session");
        }
        return wsTokens.issue(session, settings.wsTokenLifetime());
    }

    @Override
    public Optional<Session> redeemWsToken(String token) {
        Optional<Session> issued = wsTokens.redeem(token);
        if (issued.isEmpty()) {
            return issued;
        }
        Session session = issued.get();
        if (session.id() == null) {
            return settings.anonymousViewers() ? issued : Optional.empty();
        }
        // The session it came from must still live (not logged out, expired, or ended by a
        // password change or the user's removal); the role is the one of now.
        return session(session.id()).map(principal -> new Session(session.id(), principal));
    }

    @Override
    public Duration wsTokenLifetime() {
        return settings.wsTokenLifetime();
    }

    @Override
    public Duration sessionIdleTimeout() {
        return settings.sessionIdle();
    }

    @Override
    public boolean anonymousViewers() {
        return settings.anonymousViewers();
    }

    @Override
    public boolean originAllowed(String origin, String scheme, String host) {
        return origins.allowed(origin, scheme, host);
    }

    @Override
    public boolean metricsOpenTo(String address) {
        return settings.metricsOpenLoopback() && Addresses.isLoopback(address);
    }

    @Override
    public List<User> users() {
        return users.values().stream().map(StoredUser::toUser).sorted(Comparator.comparing(User::name)).toList();
    }

    @Override
    public void addUser(String name, Role role, String password) throws AuthException {
        checkName(name);
        if (role == null) {
            throw new InvalidFieldException("role", "must be admin or viewer");
        }
        checkPassword("password", password);
        String hash = hasher.hash(password);
        synchronized (writeLock) {
            if (users.containsKey(name)) {
                throw new AuthException(Reason.EXISTS, "user '" + name + "' exists already");
            }
            repository.save(new StoredUser(name, role, hash));
            refresh();
        }
        LOG.info("Added user '{}' with role {}", name, role.wire());
    }

    @Override
    public void setPassword(String name, String password) throws AuthException {
        checkPassword("password", password);
        String hash = hasher.hash(password);
        synchronized (writeLock) {
            StoredUser user = existing(name);
            repository.save(new StoredUser(user.name(), user.role(), hash));
            refresh();
        }
        sessions.endAll(name);
        LOG.info("Password of user '{}' was reset; their sessions ended", name);
    }

    @Override
    public void changePassword(String name, String oldPassword, String newPassword) throws AuthException {
        changePassword(name, oldPassword, newPassword, "");
    }

    @Override
    public void changePassword(String name, String oldPassword, String newPassword, String address) throws AuthException {
        checkPassword("new_password", newPassword);
        verify(name, oldPassword, address);
        String hash = hasher.hash(newPassword);
        synchronized (writeLock) {
            StoredUser user = existing(name);
            repository.save(new StoredUser(user.name(), user.role(), hash));
            refresh();
        }
        sessions.endAll(name);
        LOG.info("User '{}' changed their password; their sessions ended", name);
    }

    @Override
    public void removeUser(String name) throws AuthException {
        synchronized (writeLock) {
            StoredUser user = existing(name);
            long admins = users.values().stream().filter(u -> u.role() == Role.ADMIN).count();
            if (user.role() == Role.ADMIN && admins <= 1) {
                throw new AuthException(Reason.FORBIDDEN, "the last admin cannot be removed");
            }
            repository.delete(name);
            refresh();
        }
        sessions.endAll(name);
        LOG.info("Removed user '{}'", name);
    }

    /** @return live sessions (for tests and metrics) */
    public int sessionCount() {
        return sessions.size();
    }

    private StoredUser existing(String name) throws AuthException {
        StoredUser user = name == null ? null : users.get(name);
        if (user == null) {
            throw new AuthException(Reason.NO_SUCH_USER, "no user '" + name + "'");
        }
        return user;
    }

    private static void checkName(String name) throws AuthException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name",
                    "must be 1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit");
        }
        if (name.equals(Principal.ANONYMOUS)) {
            throw new InvalidFieldException("name", "'" + Principal.ANONYMOUS + "' is reserved for anonymous viewers");
        }
    }

    private static void checkPassword(String field, String password) throws AuthException {
        if (!acceptable(password)) {
            throw new InvalidFieldException(field, "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        }
    }

    private static boolean acceptable(String password) {
        return password != null && password.length() >= MIN_PASSWORD && password.length() <= MAX_PASSWORD
                && !password.isBlank();
    }
}
