// factorlab/core/interrupt.cpp — see interrupt.h.
#include "factorlab/core/interrupt.h"

#include <unistd.h>

#include <csignal>

namespace factorlab {

namespace {
volatile std::sig_atomic_t g_requested = 0;

extern "C" void on_signal(int sig) {
  if (g_requested) _exit(128 + sig);  // second signal: leave now
  g_requested = sig;
  const char msg[] = "\nfactorlab: stopping after the current training step (with a checkpoint) or before the next stage"
                     " (signal again to exit at once)\n";
  (void)!write(2, msg, sizeof msg - 1);
}
}  // namespace

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool interrupt_requested() { return g_requested != 0; }
void clear_interrupt() { g_requested = 0; }

}  // namespace factorlab
