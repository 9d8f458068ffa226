// factorlab/core/interrupt.h — orderly stops on SIGINT / SIGTERM.
// The first signal sets a flag that long loops poll (the trainer saves a checkpoint and stops);
// a second signal exits at once. Deliberately the only process-wide state in the tool.
#pragma once
#include <stdexcept>
#include <string>

namespace factorlab {

void install_interrupt_handlers();
bool interrupt_requested();
void clear_interrupt();  // tests

// Thrown by a loop that stopped because of a signal, after it saved its state.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace factorlab
