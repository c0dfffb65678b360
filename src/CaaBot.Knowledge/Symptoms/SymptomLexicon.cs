namespace CaaBot.Knowledge.Symptoms;

/// <summary>
/// The hand-written domain vocabulary: each concept lists the ways people say it. Playbook phrases and user
/// messages are both rewritten to concepts, so "pwd", "passwort" and "credentials" meet "password" and
/// "again and again" meets "keeps asking". Phrases are written naturally; they go through the same
/// normalization and stemming as everything else when the lexicon is built.
/// </summary>
/// <remarks>
/// Kept small on purpose: a concept earns its place only when people describe a sign-in failure with
/// words that the playbooks would not share otherwise. Over-broad concepts blur the playbooks together.
/// </remarks>
internal static class SymptomLexicon
{
    public static readonly IReadOnlyList<(string Concept, string[] Phrases)> Concepts =
    [
        ("password", ["password", "passwords", "pwd", "pw", "passwd", "passwort", "passcode", "credentials", "credential", "creds",
            "mot de passe", "contrasena", "senha", "user and password", "username and password"]),
        ("sign in", ["log me in", "logs me in", "sign me in", "signs me in", "logged me in", "signed me in", "sign in", "signin", "signon", "sign on", "log in", "login", "logon", "log on", "logging in", "signing in",
            "let me in", "let me enter", "get in", "enter teams", "go in", "anmelden", "anmeldung", "connexion", "iniciar sesion", "authenticate",
            "authentication", "auth", "sign into", "log into", "logged in", "signed in"]),
        ("sign out", ["sign out", "signout", "log out", "logout", "logged out", "signed out", "kicked out", "kicks me out", "throws me out", "thrown out"]),
        ("again and again", ["loop", "looping", "again and again", "over and over", "repeatedly", "repeated", "keeps", "keep asking",
            "keep on", "every time", "each time", "all the time", "constantly", "always", "endless", "endlessly", "infinite", "nonstop", "non stop",
            "multiple times", "many times", "several times", "again", "once more", "same thing", "recurring", "never ending", "never stops", "circle"]),
        ("asks", ["ask", "asks", "asking", "asked", "prompt", "prompts", "prompted", "prompting", "popup", "pop up", "pops up", "request", "requests",
            "want", "wants", "demand", "demands", "require", "requires"]),
        ("blank screen", ["blank", "white", "empty", "grey", "gray", "black", "nothing in it", "nothing inside", "no content", "white page", "white box"]),
        ("window", ["window", "screen", "page", "box", "dialog", "dialogue", "frame"]),
        ("stuck", ["sits there", "sitting there", "goes nowhere", "not moving", "does not move", "get past", "stays on", "stays there", "loading forever", "loading screen", "endless loading", "keeps loading", "stuck", "hang", "hangs", "hanging", "hung", "freeze", "freezes", "frozen", "froze", "spinning", "spins", "spin", "spinner",
            "load forever", "forever", "wheel", "circle loading", "loading circle", "spinning circle", "spinning wheel", "dots", "nothing happens", "does nothing", "never finishes", "never loads"]),
        ("timeout", ["timeout", "time out", "timed out", "times out", "too long", "takes ages", "slow", "very slow"]),
        ("verification", ["mfa", "2fa", "two factor", "2 factor", "multi factor", "multifactor", "authenticator", "authenticator app", "verification",
            "verify", "verification code", "code on my phone", "code on phone", "sms", "text message", "otp", "one time code", "security code",
            "number matching", "second factor", "2 step", "two step", "6 digit", "six digit", "push notification", "notification"]),
        ("approve", ["approve", "approval", "approved", "approving", "accept the request", "allow the sign in"]),
        ("clock", ["clock", "time", "date", "timezone", "time zone", "hour", "hours off", "wrong time", "datetime"]),
        ("network", ["network", "internet", "wifi", "wi fi", "wlan", "wireless", "connection", "connectivity", "offline", "lan", "ethernet",
            "no internet", "no connection", "online", "connect", "connected", "connecting", "router", "hotspot", "hot spot", "tethering", "4g", "5g"]),
        ("proxy", ["proxy", "firewall", "zscaler", "netskope", "bluecoat", "pac file", "web filter", "inspection", "fiddler", "charles"]),
        ("vpn", ["vpn", "anyconnect", "globalprotect", "forticlient", "pulse secure", "tunnel", "direct access", "always on vpn"]),
        ("remote", ["out of office", "out of the office", "outside work", "away from the office", "not in the office", "from home", "at home", "home office", "homeoffice", "remote", "remotely", "working remotely", "outside the office",
            "outside office", "off site", "offsite", "hotel", "travelling", "traveling", "abroad", "on the road", "home network", "home wifi"]),
        ("office network", ["in the office", "corporate", "corporate lan", "company lan", "work network", "work wifi", "at the office", "at work", "office network", "corporate network", "company network",
            "corporate wifi", "company wifi", "on site", "onsite", "in office", "guest wifi"]),
        ("trusted platform module", ["tpm", "trusted platform module", "security chip", "keyset", "key set", "motherboard", "mainboard",
            "bios", "firmware", "uefi", "system board"]),
        ("compliance", ["compliant", "compliance", "noncompliant", "non compliant", "intune", "company portal", "companyportal", "mdm",
            "enroll", "enrolled", "enrolment", "enrollment", "managed device", "device management", "managed"]),
        ("license", ["license", "licence", "licensed", "licenced", "licensing", "subscription", "not enabled", "not entitled",
            "no access to teams", "enable teams", "missing out", "student license"]),
        ("organization", ["tenant", "organization", "organisation", "org", "other company", "another company", "external", "partner",
            "customer", "client company", "guest", "guest access", "other tenant", "directory"]),
        ("personal account", ["hotmail", "outlook com", "live com", "gmail", "personal account", "private account", "microsoft account",
            "msa", "consumer account", "home account", "private email", "personal email"]),
        ("certificate", ["certificate", "cert", "certs", "ssl", "tls", "not secure", "security warning", "untrusted", "crl"]),
        ("antivirus", ["antivirus", "anti virus", "security software", "endpoint protection", "defender", "mcafee", "symantec", "sophos",
            "crowdstrike", "norton", "kaspersky", "trend micro", "edr", "sentinelone", "carbon black", "bitdefender", "eset"]),
        ("run as admin", ["run as admin", "as admin", "as an admin", "as an administrator", "with admin rights", "elevated rights", "run as administrator", "as administrator", "elevated", "run as different user", "different user",
            "admin rights", "elevation", "privilege management"]),
        ("wrong account", ["wrong account", "other account", "different account", "old account", "previous account", "wrong email",
            "wrong user", "wrong username", "wrong address", "someone else", "another account", "old email"]),
        ("phone", ["phone", "mobile", "iphone", "android", "cell", "cellphone", "smartphone", "ipad", "tablet", "samsung", "pixel"]),
        ("pc", ["pc", "computer", "laptop", "desktop", "notebook", "workstation", "desktop app", "desktop client", "thinkpad", "surface"]),
        ("browser", ["browser", "web", "chrome", "edge", "firefox", "safari", "web version", "teams web", "online version", "website"]),
        ("mac", ["mac", "macbook", "macos", "imac", "osx", "os x", "apple laptop"]),
        ("deleted", ["deleted", "delete", "removed", "remove", "disabled", "disable", "wiped"]),
        ("device", ["device", "machine", "this device", "this computer"]),
        ("blocked", ["blocked", "not allowed", "not permitted", "block", "denied", "deny", "refused", "refuses", "rejected", "rejects", "reject", "forbidden", "not accepted",
            "doesn't accept", "does not accept", "declined", "prevent", "prevented", "restricted"]),
        ("reinstall", ["reinstall", "reinstalled", "re install", "uninstall", "uninstalled", "reinstalling", "fresh install", "install again"]),
        ("colleagues", ["whole office", "whole team", "whole company", "entire office", "entire team", "everyone", "everybody", "nobody", "no one", "all of us", "my floor", "all users", "other people", "the whole department", "colleagues", "colleague", "coworkers", "coworker", "co workers", "others", "everyone else", "team mates", "teammates",
            "nobody else", "other people", "other users", "the others"]),
        ("outage", ["outage", "down", "maintenance", "try again later", "later", "busy", "overloaded", "service unavailable", "unavailable",
            "temporary", "temporarily"]),
        ("changed", ["changed", "change", "reset", "new password", "expired", "renewed", "updated my password"]),
        ("windows hello", ["windows hello", "pin", "fingerprint", "face recognition", "face unlock"]),
        ("office apps", ["outlook", "word", "excel", "powerpoint", "onedrive", "office apps", "office", "m365", "365", "o365", "microsoft 365",
            "office 365", "all apps", "every app", "other apps", "activate", "activation"]),
        ("app inside teams", ["tab", "tabs", "bot", "plugin", "add in", "addin", "integration", "third party app", "custom app", "connector",
            "teams app", "app in teams", "app inside teams"]),
        ("wrong", ["wrong", "incorrect", "invalid", "not correct", "bad"]),
        ("never appears", ["never appears", "does not appear", "does not show", "not showing", "not show", "never shows", "no window",
            "nothing shows", "nothing appears", "disappears", "vanishes", "closes", "flashes"]),
        ("server", ["server", "servers", "service", "services", "host", "hostname", "dns", "resolve", "resolved"]),
        ("update", ["update", "updated", "upgrade", "upgraded", "patch", "patched", "new version", "latest version", "windows update"]),
        ("only me", ["only me", "just me", "only my account", "only for me", "only mine", "only i", "only happens to me"]),
        ("automatic sign-in", ["sso", "single sign on", "automatically", "automatic", "by itself", "on its own", "silently", "seamless",
            "remember me", "remember", "remembers", "without a password", "without password", "without typing"]),
        ("email", ["email", "e mail", "mail", "mail address", "email address", "address", "adress", "username", "user name", "upn", "account name"]),
        ("immediately", ["right away", "at once", "immediately", "instantly", "straight away", "instant", "directly"]),
        ("interrupted", ["interrupted", "interrupt", "terminated", "dropped", "drop", "drops", "cut off", "cuts", "cut", "aborted",
            "disconnect", "disconnected", "disconnects", "lost connection", "connection lost", "broken off"]),
        ("intermittent", ["random", "randomly", "out of nowhere", "unexpected", "unexpectedly", "sometimes", "intermittent", "intermittently",
            "now and then", "on and off", "come and go", "comes and goes", "from time to time", "occasionally"]),
        ("administrator", ["admin", "administrator", "admins", "it department", "it support", "helpdesk", "help desk", "service desk",
            "it team", "sysadmin", "it guy", "it people"]),
        ("conditional access", ["conditional access", "get there from here", "meet the criteria", "criteria", "access policy", "ca policy"]),
        ("old", ["old", "older", "outdated", "windows 7", "windows 8", "legacy", "ancient"]),
    ];

    /// <summary>Function words and words every playbook shares; they only add noise to the ranking.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "so", "if", "then", "than", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as",
        "into", "about", "up", "out", "over", "after", "before", "since", "while", "when", "what", "why", "how", "which", "who", "where",
        "i", "me", "my", "mine", "we", "us", "our", "you", "your", "it", "its", "this", "that", "these", "those", "there", "here", "they", "them",
        "he", "she", "his", "her", "is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "doing", "done",
        "have", "has", "had", "can", "could", "would", "will", "shall", "should", "may", "might", "must", "just", "now", "still", "also", "very",
        "really", "some", "any", "all", "too", "not", "no", "yes", "ok", "okay", "please", "pls", "plz", "help", "hi", "hello", "hey", "thanks",
        "thank", "teams", "team", "microsoft", "ms", "msteams", "app", "application", "get", "gets", "got", "getting", "make", "try", "tried",
        "trying", "error", "errors", "problem", "problems", "issue", "issues", "fail", "fails", "failed", "failing", "failure", "work", "works",
        "working", "worked", "today", "yesterday", "morning", "again", "one", "say", "says", "said", "saying", "show", "shows", "showing",
        "see", "message", "something", "thing", "anything", "everything", "only", "even", "like", "know", "use", "using", "open", "opening",
        "start", "starts", "started", "keep", "right", "click", "clicked", "clicking", "press", "pressed", "tap", "tapped", "button", "let", "go", "goes", "going", "come", "comes", "tell", "tells", "need", "needs",
    };
}
