#pragma once
// Typed errors of the Monte Carlo engine and its HDF5 layer. Only the CLI turns them into
// messages and exit codes: the InputError subclasses exit 2 (the request is wrong), the others 1.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "rampart/support/errors.hpp"

namespace rampart::engine {

// An HDF5 call failed (disk full, unreadable file, ...); the message carries HDF5's own.
class H5Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The file is not a Rampart results file, or has a format major version this build cannot read.
class FormatError : public support::InputError {
 public:
  using support::InputError::InputError;
};

// `--resume` found a partial file written for a different request.
class ResumeMismatch : public support::InputError {
 public:
  using support::InputError::InputError;
};

// A partial file whose structure a kill during a save left unreadable: HDF5 writes a flush's
// metadata in no crash-safe order, so a SIGKILL inside H5Fflush can break it. run_to_file then
// starts again from run 0 (every run is deterministic, so the result is the same).
class PartialDamaged : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A stop signal (Ctrl-C) arrived while a results file was being created, before its first run.
class CreationInterrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Another process holds the lock on the same output file.
class OutputBusy : public support::InputError {
 public:
  using support::InputError::InputError;
};

// Builds the one-diagnostic form these errors use: "FILE: error: MESSAGE".
inline std::vector<support::Diagnostic> file_diagnostic(const std::string& file,
                                                        std::string message) {
  return {support::Diagnostic{file, 0, 0, std::move(message)}};
}

}  // namespace rampart::engine
