// The command layer as every operator front end sees it: signals, JSON-RPC, the desktop window
// and the web admin are thin shells over this one interface. It is Qt-free and says nothing of
// how the server is built, so a front end can be tested against a fake and can never reach into
// the server's insides. All calls happen on the control thread; events are delivered there too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tutti::control {

// What a connected client told us about itself, and how the server serves it.
struct ClientInfo {
    int id = 0;                // channel number, as in the protocol's client list
    std::string address;       // "1.2.3.4:22134" or "[::1]:22134"
    std::string ip;            // the address without the port ("1.2.3.4", "::1")
    std::string name;          // profile name ("" until the client sent its profile)
    int instrumentCode = 0;    // Jamulus instrument id
    std::string city;          //
    int countryCode = 0;       // Qt 5 country number as on the wire
    std::string countryName;   // English Qt name, e.g. "Germany"
    int skillLevelCode = 0;    // 0 not set, 1 beginner, 2 intermediate, 3 expert
    int channels = 1;          // 1 mono, 2 stereo or mono-in/stereo-out
    int jitterBufferSize = 0;  // server-side jitter buffer, in network blocks
    int level = 0;             // current input level as clients see it (0..9)
    int64_t connectedSeconds = 0;
};

// JSONRPC.md 6.1, in settings-file order (None = -1 .. Custom = 7).
enum class DirectoryType {
    None,
    AnyGenre1,
    AnyGenre2,
    AnyGenreAsia,
    GenreRock,
    GenreJazz,
    GenreClassicalFolk,
    GenreChoralBarbershop,
    Custom,
};

struct ServerProfile {
    std::string name;
    std::string city;
    int countryId = 0;  // Qt 5 numbering
    std::string welcomeMessage;
    DirectoryType directoryType = DirectoryType::None;
    std::string directoryAddress;    // the stored custom address ("" if none)
    std::string directory;           // effective: "" for None, the custom one, or "host:port"
    std::string registrationStatus;  // JSONRPC.md 6.2 key, e.g. "registered"
};

struct RecorderStatus {
    bool initialised = false;        // a usable base directory is configured
    bool enabled = false;            // switched on (always false when not initialised)
    bool recording = false;          // a session is being written right now
    std::string errorMessage;        // last recorder error, "" if none
    std::string recordingDirectory;  // the base directory as given, "" when not initialised
    std::string sessionDirectory;    // the current session folder, "" when none
};

// Per-client network and buffer figures from the engine, counted since the client connected.
struct ClientStatistics {
    int id = 0;
    uint64_t packetsReceived = 0;  // audio datagrams that reached the client's jitter buffer
    uint64_t packetsLost = 0;      // frames concealed because nothing was there in time
    uint64_t packetsLate = 0;      // arrived after their slot had been concealed / overflowed
    uint64_t packetsSent = 0;      // mix datagrams sent to the client
    int jitterBufferSize = 0;
};

struct EngineStatistics {
    uint64_t ticks = 0;
    uint64_t lateTicks = 0;
    uint64_t worstTickNs = 0;
    uint64_t worstDeadlineToSendNs = 0;
    uint64_t encodes = 0;
    uint64_t sharedEncodeSends = 0;
    uint64_t maxEncodesPerTick = 0;
    int workerThreads = 1;
    int realtimeScheduling = -1;  // -1 unknown, 0 refused, 1 granted
    uint64_t datagramsReceived = 0;
    uint64_t datagramsDropped = 0;  // every drop counter of the receive path, added up
    std::vector<ClientStatistics> clients;

    // For monitoring (/metrics). Totals since the server started.
    uint64_t bytesReceived = 0;    // UDP payload bytes of every datagram received
    uint64_t datagramsSent = 0;    // every datagram sent: mixes, protocol, directory
    uint64_t bytesSent = 0;        // their payload bytes
    uint64_t decodeErrors = 0;     // audio frames the decoder refused
    uint64_t concealedFrames = 0;  // frames the mix concealed (nothing usable had arrived)
    uint64_t rateLimitDrops = 0;   // protocol messages dropped by the per-client limits
    uint64_t floodHandovers = 0;   // floods that moved the audio socket to the receive thread
    uint64_t tickPeriodNs = 0;     // one tick's frame period
    uint64_t tickWorkNsTotal = 0;  // all ticks' work time added up (a histogram's sum)
    // Ticks by work time as a fraction of the period: bucket i holds [i*10 %, (i+1)*10 %), the
    // last one everything at or beyond 100 % (11 buckets; empty when not measured).
    std::vector<uint64_t> tickDurationBuckets;
};

struct ChannelLevel {
    int id = 0;
    int level = 0;  // 0..9 as in the protocol's level list
};

// The live mix output to JACK or ALSA (issue 14).
struct MixOutStatus {
    bool configured = false;        // --mixout given
    bool running = false;           // the device or JACK server is connected and playing
    std::string backend;            // "jack" or "alsa", "" when not configured
    std::string device;             // JACK client name or ALSA device
    std::string error;              // why it is not running (retrying), "" when fine
    uint64_t overruns = 0;          // frames the mix thread found no room for (dropped)
    uint64_t underruns = 0;         // audio callbacks that found too little in the ring
    uint64_t driftCorrections = 0;  // frames dropped or repeated to follow the device clock
    // The JACK input mixed into every mix (--mixoutinput), seen from the mix thread's side.
    bool input = false;                  // --mixoutinput given
    uint64_t inputOverruns = 0;          // input blocks (<= 256 frames) dropped: ring full
    uint64_t inputUnderruns = 0;         // ticks that found too little input
    uint64_t inputDriftCorrections = 0;  // input frames dropped or repeated
};

// Why a command was refused; front ends map these onto their own error formats.
enum class CommandError {
    None,
    InvalidChannel,  // no connected client with that id
    InvalidText,     // empty, too long or otherwise unusable text
    InvalidAddress,  // a custom directory type without an address
    InvalidPattern,  // not an IPv4/IPv6 address or CIDR block
    NotFound,        // no such ban or allowlist entry
    Unavailable,     // the feature is not configured (e.g. a backup without --database)
    Failed,          // tried and failed (I/O, database); CommandResult::message says why
};

// A refusal with the words an operator needs (a file that cannot be written, a database error).
struct CommandResult {
    CommandError error = CommandError::None;
    std::string message;  // "" on success
    bool ok() const { return error == CommandError::None; }
};

// A ban or an allowlist entry (issue 12). Times are Unix seconds.
struct AddressRule {
    std::string pattern;    // normalised: "192.0.2.7", "10.0.0.0/8", "2001:db8::/32"
    std::string reason;     // why (bans) or a note (allowlist); may be ""
    int64_t createdAt = 0;  //
    std::string createdBy;  // the actor: "jsonrpc", "web:NAME", "window", "sqlite", ...
    int64_t expiresAt = 0;  // 0 = never (always 0 on the allowlist)
};

// One line of the server log: joins, leaves, kicks, bans and admin actions.
struct ServerLogEntry {
    int64_t time = 0;     // Unix seconds
    std::string event;    // "join", "leave", "kick", "ban", "unban", "idle", "reload", "admin"
    std::string address;  // the client's or the rule's address, "" for none
    std::string name;     // the client's name, "" for none
    std::string detail;   // reason or what changed
    std::string actor;    // who did it; "" for the server itself / the client
};

struct AdminStatus {
    std::string databasePath;  // "" when running without --database
    int schemaVersion = 0;     // of the open database, 0 without one
    bool allowlistEnabled = false;
    int idleTimeoutSeconds = 0;  // 0 = off
    uint64_t kicks = 0;          // clients kicked since start (by an operator or a ban)
    uint64_t bansAdded = 0;      // since start
    uint64_t idleDisconnects = 0;
    uint64_t refusedDatagrams = 0;  // from banned or not-allowed hosts, dropped unanswered
};

// Events front ends subscribe to. Default implementations ignore the event, so a subscriber
// overrides only what it shows.
class OperatorEvents {
  public:
    virtual ~OperatorEvents() = default;
    // `ip` is the address without the port; `total` counts connected clients including this one.
    virtual void clientConnected(int /*id*/, const std::string& /*ip*/, int /*total*/) {}
    virtual void clientDisconnected(int /*id*/) {}
    // A client changed its name, instrument, country, city or skill.
    virtual void clientProfileChanged(int /*id*/) {}
    // A chat line broadcast to everyone: from a client (`id` = its channel, `html` as sent to
    // clients) or from the operator (`id` = -1, the text as given).
    virtual void chatMessage(int /*id*/, const std::string& /*html*/) {}
    virtual void registrationStatusChanged(const std::string& /*statusKey*/) {}
    virtual void recordingStateChanged(const RecorderStatus& /*status*/) {}
    // A ban, an allowlist change, a reload or a setting changed by any front end.
    virtual void adminChanged() {}
};

class OperatorApi {
  public:
    virtual ~OperatorApi() = default;

    // Connected clients in ascending id.
    virtual std::vector<ClientInfo> clients() const = 0;
    virtual ServerProfile serverProfile() const = 0;
    // Cut to 20 characters, as -o does (a directory refuses longer names).
    virtual void setServerName(const std::string& name) = 0;
    // Cut to 1600 characters; sent to clients that connect afterwards; "" disables it.
    virtual void setWelcomeMessage(const std::string& text) = 0;
    // Unregisters from the old directory and registers with the new one (or becomes one).
    virtual CommandError setDirectory(DirectoryType type, const std::string& address) = 0;

    virtual RecorderStatus recorderStatus() const = 0;
    virtual void startRecording() = 0;    // as SIGUSR2 when off
    virtual void stopRecording() = 0;     // as SIGUSR2 when on
    virtual void toggleRecording() = 0;   // SIGUSR2
    virtual void restartRecording() = 0;  // SIGUSR1
    // Finishes the current recorder and initialises one on `directory` ("" un-configures).
    virtual void setRecordingDirectory(const std::string& directory) = 0;

    // Sent as is (HTML allowed) to every client; raises chatMessage(-1, text).
    virtual CommandError broadcastChat(const std::string& text) = 0;
    virtual CommandError privateChat(int id, const std::string& text) = 0;
    // Disconnects the client; a non-empty reason reaches it as a chat line first. `actor` says
    // who did it for the server log ("jsonrpc", "web:NAME", "window", ...).
    virtual CommandError kick(int id, const std::string& reason, const std::string& actor) = 0;

    virtual EngineStatistics engineStatistics() const = 0;
    virtual std::vector<ChannelLevel> levels() const = 0;

    // Desktop window settings that apply at run time (issue 11).
    virtual void setServerLocation(const std::string& /*city*/, int /*countryId*/) {}
    virtual bool delayPanning() const { return false; }
    virtual void setDelayPanning(bool /*on*/) {}
    // The directory's persistence file (--directoryfile); "" = none.
    virtual std::string directoryFile() const { return {}; }
    virtual CommandResult setDirectoryFile(const std::string& /*path*/) {
        return {CommandError::Unavailable, "not supported"};
    }

    // Administration (issue 12). `durationSeconds` 0 = a ban that never expires. Banning or
    // leaving the allowlist removes matching connected clients at once.
    virtual std::vector<AddressRule> bans() const { return {}; }
    virtual CommandResult ban(const std::string& /*pattern*/, int64_t /*durationSeconds*/,
                              const std::string& /*reason*/, const std::string& /*actor*/) {
        return {CommandError::Unavailable, "not supported"};
    }
    // Bans the connected client's IP address and kicks it with the reason.
    virtual CommandResult banClient(int /*id*/, int64_t /*durationSeconds*/,
                                    const std::string& /*reason*/, const std::string& /*actor*/) {
        return {CommandError::Unavailable, "not supported"};
    }
    virtual CommandResult unban(const std::string& /*pattern*/, const std::string& /*actor*/) {
        return {CommandError::Unavailable, "not supported"};
    }
    virtual std::vector<AddressRule> allowlist() const { return {}; }
    virtual CommandResult allow(const std::string& /*pattern*/, const std::string& /*note*/,
                                const std::string& /*actor*/) {
        return {CommandError::Unavailable, "not supported"};
    }
    virtual CommandResult disallow(const std::string& /*pattern*/, const std::string& /*actor*/) {
        return {CommandError::Unavailable, "not supported"};
    }
    // While on, only hosts on the allowlist get a channel.
    virtual CommandResult setAllowlistEnabled(bool /*on*/, const std::string& /*actor*/) {
        return {CommandError::Unavailable, "not supported"};
    }
    virtual AdminStatus adminStatus() const { return {}; }
    // The newest `limit` entries, oldest first.
    virtual std::vector<ServerLogEntry> serverLog(std::size_t /*limit*/) const { return {}; }
    // SIGHUP: re-reads the database (settings, bans, allowlist) and a -w welcome file; no client
    // is dropped except those a new ban or the allowlist now refuses.
    virtual CommandResult reload(const std::string& /*actor*/) {
        return {CommandError::Unavailable, "not supported"};
    }
    // A consistent copy of the database at `destination` while the server runs.
    virtual CommandResult backupDatabase(const std::string& /*destination*/,
                                         const std::string& /*actor*/) {
        return {CommandError::Unavailable, "not supported"};
    }

    virtual MixOutStatus mixOutStatus() const { return {}; }

    // Not owned; unsubscribe before the subscriber goes away.
    virtual void subscribe(OperatorEvents* listener) = 0;
    virtual void unsubscribe(OperatorEvents* listener) = 0;
};

// JSONRPC.md 6.1 strings ("none", "any_genre_1", ..., "custom") and back; nullopt for unknown.
std::string directoryTypeKey(DirectoryType type);
std::optional<DirectoryType> directoryTypeFromKey(const std::string& key);

}  // namespace tutti::control
