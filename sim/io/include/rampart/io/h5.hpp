#pragma once
// A thin RAII layer over the HDF5 C API: every identifier is closed by its owner's destructor and
// every call is checked, a failure becoming an H5Error carrying HDF5's own message. HDF5's
// automatic error printing is switched off per thread (silence_error_printing).

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rampart/io/errors.hpp"

namespace rampart::engine::h5 {

// Switches off HDF5's printing of error stacks on the calling thread (errors become H5Error
// instead). Call before the first HDF5 call of a thread whose errors matter.
void silence_error_printing();

// Throws H5Error("what: <HDF5 message>") when `status` is negative; returns it otherwise.
hid_t check(hid_t id, std::string_view what);
herr_t check_status(herr_t status, std::string_view what);

// Owns one HDF5 identifier of any kind (file, group, dataset, dataspace, type, property list).
class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, std::string_view what) : id_(check(id, what)) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { reset(); }

  [[nodiscard]] hid_t id() const { return id_; }
  [[nodiscard]] bool valid() const { return id_ >= 0; }
  void reset() noexcept;
  // Gives up ownership without closing (for a file that must not be flushed again).
  void release() noexcept { id_ = H5I_INVALID_HID; }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

// A variable-length UTF-8 string type.
Handle string_type();

// Scalar attributes (created or overwritten in place).
void write_attribute(hid_t object, const char* name, std::string_view value);
void write_attribute(hid_t object, const char* name, std::int64_t value);
void write_attribute(hid_t object, const char* name, std::uint64_t value);
[[nodiscard]] bool has_attribute(hid_t object, const char* name);
[[nodiscard]] std::string read_string_attribute(hid_t object, const char* name);
[[nodiscard]] std::int64_t read_int_attribute(hid_t object, const char* name);
[[nodiscard]] std::uint64_t read_uint_attribute(hid_t object, const char* name);

// A whole 1-D dataset of variable-length strings.
[[nodiscard]] std::vector<std::string> read_strings(hid_t dataset);
// One element of a 1-D string dataset.
[[nodiscard]] std::string read_string_at(hid_t dataset, hsize_t index);

// The dimensions of a dataset's current extent.
[[nodiscard]] std::vector<hsize_t> extent(hid_t dataset);

// The POSIX descriptor HDF5 reads an open file through (the default sec2 driver); -1 for any
// other driver. For hints to the kernel only: HDF5 owns it.
[[nodiscard]] int file_descriptor(hid_t file);

// Asks the kernel to start reading the stored chunk at `offset` of `dataset` (in file `fd`) now,
// so that a later read_raw_chunk finds it in the page cache; does nothing when there is no such
// chunk. A hint: it never fails.
void prefetch_chunk(hid_t dataset, const std::vector<hsize_t>& offset, int fd);

// Reads the chunk at `offset` as stored (still filtered) into `bytes` with H5Dread_chunk; false
// when no chunk is stored there or HDF5 skipped one of its filters when writing it.
[[nodiscard]] bool read_raw_chunk(hid_t dataset, const std::vector<hsize_t>& offset,
                                  std::vector<unsigned char>& bytes);

}  // namespace rampart::engine::h5
