// run_matrix on several processes (posprop check --jobs N). Each worker is a fork of posprop that
// checks its share of the cells and sends back each result as one CBOR message (nlohmann-json:
// doubles keep every bit, NaN and infinities included), framed by its length. A cell's result
// depends only on the seed, the cell and its inputs, never on the cells checked before it in the
// same process, so the verdicts are those of one process. A worker that dies leaves ERROR cells.
#include "matrix.hpp"
#include "output_files.hpp"

#include <nlohmann/json.hpp>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace posprop {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Measurement, residual, tolerance)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Coverage, random_cases, boundary_cases, boundary_total, dims,
                                   has_positions, min_position, max_position, params)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Counterexample, values, at_double, at_hp50, at_hp100,
                                   residual_hp100, structural, ladder_stable, residual_lower_bound,
                                   certified_above, certified, reproduce, origin)

void to_json(nlohmann::json& j, const CellResult& r) {
  j = {{"encoder", r.encoder},
       {"property", r.property},
       {"expected", r.expected},
       {"verdict", r.verdict},
       {"cases", r.cases},
       {"max_residual_double", r.max_residual_double},
       {"max_residual_hp", r.max_residual_hp},
       {"message", r.message},
       {"coverage", r.coverage}};
  if (r.counterexample) j["counterexample"] = *r.counterexample;
}

void from_json(const nlohmann::json& j, CellResult& r) {
  j.at("encoder").get_to(r.encoder);
  j.at("property").get_to(r.property);
  j.at("expected").get_to(r.expected);
  j.at("verdict").get_to(r.verdict);
  j.at("cases").get_to(r.cases);
  j.at("max_residual_double").get_to(r.max_residual_double);
  j.at("max_residual_hp").get_to(r.max_residual_hp);
  j.at("message").get_to(r.message);
  j.at("coverage").get_to(r.coverage);
  if (j.contains("counterexample")) r.counterexample = j.at("counterexample").get<Counterexample>();
}

namespace cli {
namespace {

struct Worker {
  pid_t pid = -1;
  int fd = -1;                    // the read end of the worker's pipe; -1 once it is closed
  std::set<std::size_t> pending;  // indices into Matrix::cells not received yet
  std::string received;           // bytes of a message not complete yet
};

/// A worker's whole life: check its cells, send each result as [size][CBOR], exit.
[[noreturn]] void serve(const Matrix& m, const std::vector<std::size_t>& cells, int fd) {
  try {
    for (const std::size_t i : cells) {
      const auto start = std::chrono::steady_clock::now();
      const CellResult result = check_cell(m, m.cells[i]);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const std::vector<std::uint8_t> message = nlohmann::json::to_cbor(
          nlohmann::json{{"cell", i}, {"seconds", seconds}, {"result", result}});
      const std::size_t size = message.size();
      std::string frame(reinterpret_cast<const char*>(&size), sizeof size);
      frame.append(message.begin(), message.end());
      if (!write_all(fd, frame)) _exit(4);
    }
  } catch (...) {
    _exit(3);
  }
  _exit(0);
}

/// Takes every complete message out of `w.received` into its cell.
void take_messages(Matrix& m, Worker& w, std::size_t& done, std::size_t total,
                   const Progress& progress) {
  std::size_t size = 0;
  while (w.received.size() >= sizeof size) {
    std::memcpy(&size, w.received.data(), sizeof size);
    if (w.received.size() < sizeof size + size) return;
    const auto* begin = reinterpret_cast<const std::uint8_t*>(w.received.data()) + sizeof size;
    const nlohmann::json message = nlohmann::json::from_cbor(begin, begin + size);
    w.received.erase(0, sizeof size + size);
    MatrixCell& cell = m.cells.at(message.at("cell").get<std::size_t>());
    cell.result = message.at("result").get<CellResult>();
    cell.seconds = message.at("seconds").get<double>();
    w.pending.erase(message.at("cell").get<std::size_t>());
    if (progress) progress(++done, total, cell);
  }
}

std::string how_it_ended(int status) {
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "exited with status " + std::to_string(WEXITSTATUS(status));
}

/// The cells of a worker that ended before sending their result become ERROR cells.
void mark_lost(Matrix& m, const Worker& w, int status) {
  const std::string why = "the worker process checking this cell " + how_it_ended(status) +
                          " before its result (rerun the cell alone: --jobs 1)";
  for (const std::size_t i : w.pending) m.cells[i].result = error_result(m.cells[i], why);
}

/// Reads what worker `w` sent; at the end of its pipe, reaps it.
void receive(Matrix& m, Worker& w, std::size_t& done, std::size_t total, const Progress& progress) {
  char chunk[1 << 16];
  const ssize_t n = ::read(w.fd, chunk, sizeof chunk);
  if (n < 0 && errno == EINTR) return;
  if (n > 0) {
    w.received.append(chunk, static_cast<std::size_t>(n));
    take_messages(m, w, done, total, progress);
    return;
  }
  ::close(w.fd);
  w.fd = -1;
  int status = 0;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  w.pid = -1;
  mark_lost(m, w, status);
}

/// Kills and reaps the workers still running when the parent leaves early (an exception).
struct WorkerReaper {
  std::vector<Worker>& workers;
  ~WorkerReaper() {
    for (Worker& w : workers) {
      if (w.fd >= 0) ::close(w.fd);
      if (w.pid > 0 && ::kill(w.pid, SIGKILL) == 0) ::waitpid(w.pid, nullptr, 0);
    }
  }
};

void start(const Matrix& m, std::vector<Worker>& workers, Worker& w) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  // The child must not run posprop's handlers that remove the parent's temporary output files:
  // they stay blocked from before the fork until the child has dropped them.
  const sigset_t handled = output_signals();
  sigset_t old_mask;
  sigprocmask(SIG_BLOCK, &handled, &old_mask);
  w.pid = ::fork();
  const int fork_errno = errno;
  if (w.pid == 0) {
    drop_output_signal_handlers();
    sigprocmask(SIG_SETMASK, &old_mask, nullptr);
    for (const Worker& other : workers)
      if (other.fd >= 0) ::close(other.fd);
    ::close(fds[0]);
    serve(m, std::vector<std::size_t>(w.pending.begin(), w.pending.end()), fds[1]);
  }
  sigprocmask(SIG_SETMASK, &old_mask, nullptr);
  ::close(fds[1]);
  if (w.pid < 0) {
    ::close(fds[0]);
    throw std::runtime_error(
        "could not start a worker process (fork: " + std::string(std::strerror(fork_errno)) +
        "); --jobs 1 checks every cell in this process");
  }
  w.fd = fds[0];
}

}  // namespace

void run_matrix_in_workers(Matrix& m, const Progress& progress, int jobs) {
  std::vector<Worker> workers(static_cast<std::size_t>(jobs));
  const WorkerReaper reaper{workers};
  std::size_t total = 0;
  for (std::size_t i = 0; i < m.cells.size(); ++i)
    if (m.cells[i].applicable) workers[total++ % workers.size()].pending.insert(i);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);  // a worker must not write the parent's buffered output again
  for (Worker& w : workers) start(m, workers, w);
  std::size_t done = 0;
  while (true) {
    std::vector<pollfd> polled;
    std::vector<Worker*> owners;
    for (Worker& w : workers) {
      if (w.fd < 0) continue;
      polled.push_back({w.fd, POLLIN, 0});
      owners.push_back(&w);
    }
    if (polled.empty()) return;
    if (::poll(polled.data(), polled.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    for (std::size_t k = 0; k < polled.size(); ++k)
      if (polled[k].revents != 0) receive(m, *owners[k], done, total, progress);
  }
}

}  // namespace cli
}  // namespace posprop
