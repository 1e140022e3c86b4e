#include "rampart/engine/h5.hpp"

#include <memory>

namespace rampart::engine::h5 {
namespace {

// Collects the innermost (most specific) message of HDF5's error stack.
herr_t collect_message(unsigned n, const H5E_error2_t* error, void* client) {
  auto* text = static_cast<std::string*>(client);
  if (n == 0 && error->desc != nullptr) *text = error->desc;
  return 0;
}

// HDF5's innermost message for a failed system call is long ("file write failed: time = ...,
// errno = 28, error message = 'No space left on device', ..."): keep the system's words.
std::string concise(const std::string& detail) {
  const std::string marker = "error message = '";
  const auto start = detail.find(marker);
  if (start == std::string::npos) return detail;
  const auto from = start + marker.size();
  const auto end = detail.find('\'', from);
  return detail.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

[[noreturn]] void fail(std::string_view what) {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect_message, &detail);
  H5Eclear2(H5E_DEFAULT);
  std::string message(what);
  if (!detail.empty()) message += ": " + concise(detail);
  throw H5Error(message);
}

}  // namespace

void silence_error_printing() {
  // Error stacks are per thread in a thread-safe HDF5, so each thread that calls HDF5 says it.
  thread_local const bool kSilenced = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)kSilenced;
}

hid_t check(hid_t id, std::string_view what) {
  silence_error_printing();
  if (id < 0) fail(what);
  return id;
}

herr_t check_status(herr_t status, std::string_view what) {
  silence_error_printing();
  if (status < 0) fail(what);
  return status;
}

void Handle::reset() noexcept {
  if (id_ >= 0) {
    H5Idec_ref(id_);
    id_ = H5I_INVALID_HID;
  }
}

Handle string_type() {
  Handle type(H5Tcopy(H5T_C_S1), "copy string type");
  check_status(H5Tset_size(type.id(), H5T_VARIABLE), "set string size");
  check_status(H5Tset_cset(type.id(), H5T_CSET_UTF8), "set string encoding");
  return type;
}

namespace {

// Opens `name` for writing, creating it with `type` if absent.
Handle open_or_create_attribute(hid_t object, const char* name, hid_t type) {
  if (has_attribute(object, name)) {
    return Handle(H5Aopen(object, name, H5P_DEFAULT), std::string("open attribute ") + name);
  }
  const Handle space(H5Screate(H5S_SCALAR), "create scalar dataspace");
  return Handle(H5Acreate2(object, name, type, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                std::string("create attribute ") + name);
}

}  // namespace

void write_attribute(hid_t object, const char* name, std::string_view value) {
  const Handle type = string_type();
  const Handle attribute = open_or_create_attribute(object, name, type.id());
  const std::string text(value);
  const char* pointer = text.c_str();
  check_status(H5Awrite(attribute.id(), type.id(), &pointer),
               std::string("write attribute ") + name);
}

void write_attribute(hid_t object, const char* name, std::int64_t value) {
  const Handle attribute = open_or_create_attribute(object, name, H5T_STD_I64LE);
  check_status(H5Awrite(attribute.id(), H5T_NATIVE_INT64, &value),
               std::string("write attribute ") + name);
}

void write_attribute(hid_t object, const char* name, std::uint64_t value) {
  const Handle attribute = open_or_create_attribute(object, name, H5T_STD_U64LE);
  check_status(H5Awrite(attribute.id(), H5T_NATIVE_UINT64, &value),
               std::string("write attribute ") + name);
}

bool has_attribute(hid_t object, const char* name) {
  return check_status(H5Aexists(object, name), std::string("look up attribute ") + name) > 0;
}

std::string read_string_attribute(hid_t object, const char* name) {
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), std::string("open attribute ") + name);
  const Handle file_type(H5Aget_type(attribute.id()), "attribute type");
  if (H5Tget_class(file_type.id()) != H5T_STRING) {
    throw H5Error(std::string("attribute ") + name + " is not a string");
  }
  if (H5Tis_variable_str(file_type.id()) > 0) {
    const Handle type = string_type();
    char* pointer = nullptr;
    check_status(H5Aread(attribute.id(), type.id(), &pointer),
                 std::string("read attribute ") + name);
    std::string text = pointer != nullptr ? pointer : "";
    H5free_memory(pointer);
    return text;
  }
  const std::size_t size = H5Tget_size(file_type.id());
  std::string text(size, '\0');
  check_status(H5Aread(attribute.id(), file_type.id(), text.data()),
               std::string("read attribute ") + name);
  return text.substr(0, text.find('\0'));
}

std::int64_t read_int_attribute(hid_t object, const char* name) {
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), std::string("open attribute ") + name);
  std::int64_t value = 0;
  check_status(H5Aread(attribute.id(), H5T_NATIVE_INT64, &value),
               std::string("read attribute ") + name);
  return value;
}

std::uint64_t read_uint_attribute(hid_t object, const char* name) {
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), std::string("open attribute ") + name);
  std::uint64_t value = 0;
  check_status(H5Aread(attribute.id(), H5T_NATIVE_UINT64, &value),
               std::string("read attribute ") + name);
  return value;
}

std::vector<hsize_t> extent(hid_t dataset) {
  const Handle space(H5Dget_space(dataset), "dataset dataspace");
  const int rank = check_status(H5Sget_simple_extent_ndims(space.id()), "dataset rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr), "dataset extent");
  return dims;
}

std::vector<std::string> read_strings(hid_t dataset) {
  const auto dims = extent(dataset);
  const std::size_t n = dims.empty() ? 1 : dims[0];
  std::vector<char*> pointers(n, nullptr);
  const Handle type = string_type();
  check_status(H5Dread(dataset, type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
               "read strings");
  std::vector<std::string> texts;
  texts.reserve(n);
  for (char* p : pointers) {
    texts.emplace_back(p != nullptr ? p : "");
    H5free_memory(p);
  }
  return texts;
}

std::string read_string_at(hid_t dataset, hsize_t index) {
  const Handle file_space(H5Dget_space(dataset), "dataset dataspace");
  const hsize_t count = 1;
  check_status(
      H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, &index, nullptr, &count, nullptr),
      "select string");
  const Handle memory_space(H5Screate_simple(1, &count, nullptr), "memory dataspace");
  const Handle type = string_type();
  char* pointer = nullptr;
  check_status(
      H5Dread(dataset, type.id(), memory_space.id(), file_space.id(), H5P_DEFAULT, &pointer),
      "read string");
  std::string text = pointer != nullptr ? pointer : "";
  H5free_memory(pointer);
  return text;
}

}  // namespace rampart::engine::h5
