#pragma once

namespace tutti::engine {

// Audio from outside the network (the operator's JACK input: a backing track, an announcer's
// microphone) that joins every listener's mix. src/mixout implements it. Called on the mix
// thread once per tick; an implementation must not wait, allocate, log or do I/O.
class ExternalInput {
  public:
    virtual ~ExternalInput() = default;
    // Fills `frames` stereo frames (interleaved, 16-bit range). False: nothing to add this tick.
    virtual bool pull(float* stereo, int frames) = 0;
};

}  // namespace tutti::engine
