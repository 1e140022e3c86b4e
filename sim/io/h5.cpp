#include "rampart/io/h5.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>

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

// ---------------------------------------------------------------------------------------------
// Variable-length strings live in the file's global heap ("GCOL" collections), which HDF5 reads
// without checking: a flipped byte in a collection's object sizes or in a string's heap ID makes
// H5HG_read copy past its buffers (a crash in `summarize`, `merge` ...). HDF5 has no checksum
// on the global heap, so before any string is read its collections are checked here, from the
// file's bytes: every object within its collection, the objects tiling it exactly, and each
// string's heap ID naming an object that exists and has the string's length.

namespace {

constexpr std::uint64_t kMinCollection = 4096;        // HDF5's smallest collection
constexpr std::uint64_t kMaxCollection = 1ULL << 30;  // far above any string we write
// Where collections are looked for: a results file's names, TOML texts and string attributes
// are written first, and what is rewritten when a run completes (`status`) lands at the end.
constexpr std::uint64_t kHeadWindow = 16ULL << 20;
constexpr std::uint64_t kTailWindow = 1ULL << 20;
constexpr std::size_t kHeapIdBytes = 16;  // length 4, collection 8, index 4

std::uint64_t little_endian(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// The file as our own checks read it: its path, size and where HDF5's addresses start.
struct RawFile {
  std::string path;
  std::uint64_t size = 0;
  std::uint64_t base = 0;  // the user block: HDF5 addresses are relative to its end
  bool checkable = false;  // 8-byte addresses and lengths (other layouts are not checked)

  explicit RawFile(hid_t object) {
    const ssize_t n = H5Fget_name(object, nullptr, 0);
    if (n <= 0) return;
    path.resize(static_cast<std::size_t>(n) + 1);
    if (H5Fget_name(object, path.data(), path.size()) < 0) return;
    path.resize(static_cast<std::size_t>(n));
    const hid_t file = H5Iget_file_id(object);
    if (file < 0) return;
    const Handle owned(file, "file of an object");
    const Handle fcpl(H5Fget_create_plist(file), "file creation properties");
    std::size_t address_bytes = 0;
    std::size_t length_bytes = 0;
    hsize_t user_block = 0;
    if (H5Pget_sizes(fcpl.id(), &address_bytes, &length_bytes) < 0 ||
        H5Pget_userblock(fcpl.id(), &user_block) < 0) {
      return;
    }
    // A file open for writing may hold newer heap bytes in HDF5's cache than on disk: only
    // files opened read-only (every reader's) are checked.
    unsigned intent = 0;
    if (H5Fget_intent(file, &intent) < 0 || intent != H5F_ACC_RDONLY) return;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd_ < 0 || ::fstat(fd_, &st) != 0) return;
    size = static_cast<std::uint64_t>(st.st_size);
    base = user_block;
    checkable = address_bytes == 8 && length_bytes == 8;
  }
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;
  ~RawFile() {
    if (fd_ >= 0) ::close(fd_);
  }

  // Reads `length` bytes at `offset` into `out`; false when the file has fewer.
  bool read_into(std::uint64_t offset, std::uint64_t length, unsigned char* out) const {
    if (fd_ < 0 || offset > size || length > size - offset) return false;
    while (length > 0) {
      const ssize_t got = ::pread(fd_, out, length, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      out += got;
      offset += static_cast<std::uint64_t>(got);
      length -= static_cast<std::uint64_t>(got);
    }
    return true;
  }

  [[nodiscard]] std::vector<unsigned char> read(std::uint64_t offset, std::uint64_t length) const {
    std::vector<unsigned char> bytes;
    if (offset > size || length > size - offset) return bytes;
    bytes.resize(static_cast<std::size_t>(length));
    if (!read_into(offset, length, bytes.data())) bytes.clear();
    return bytes;
  }

 private:
  int fd_ = -1;
};

[[noreturn]] void damaged_heap(const RawFile& file, std::uint64_t address, const std::string& why) {
  throw H5Error(file.path + ": damaged: the global heap collection at byte " +
                std::to_string(file.base + address) + " " + why);
}

// The objects of the collection at `address` (HDF5 address) by index, with their sizes; throws
// when its structure is damaged.
std::map<std::uint64_t, std::uint64_t> parse_collection(const RawFile& file,
                                                        std::uint64_t address) {
  const auto header = file.read(file.base + address, 16);
  if (header.size() != 16 || std::memcmp(header.data(), "GCOL", 4) != 0) {
    damaged_heap(file, address, "is not one (no GCOL signature)");
  }
  const std::uint64_t size = little_endian(header.data() + 8, 8);
  if (header[4] != 1 || size < kMinCollection || size > kMaxCollection) {
    damaged_heap(file, address,
                 "has version " + std::to_string(header[4]) + " and size " + std::to_string(size));
  }
  const auto bytes = file.read(file.base + address, size);
  if (bytes.size() != size) damaged_heap(file, address, "runs past the end of the file");
  std::map<std::uint64_t, std::uint64_t> objects;
  std::uint64_t at = 16;
  while (at < size) {
    if (size - at < 16) break;  // too small for an object: free space
    const std::uint64_t index = little_endian(bytes.data() + at, 2);
    const std::uint64_t length = little_endian(bytes.data() + at + 8, 8);
    // Object 0 is the free space, its length counting its own header; others are padded to 8.
    const std::uint64_t need = index == 0 ? length : 16 + ((length + 7) & ~std::uint64_t{7});
    if (length > size || need < 16 || need > size - at) {
      damaged_heap(file, address,
                   "has an object (index " + std::to_string(index) + ", " + std::to_string(length) +
                       " bytes) that does not fit in it");
    }
    if (index != 0 && !objects.emplace(index, length).second) {
      damaged_heap(file, address, "has two objects with index " + std::to_string(index));
    }
    at += need;
  }
  return objects;
}

// Collections already checked, per open file (HDF5's file number) and address.
struct CheckedHeaps {
  std::mutex mutex;
  std::map<std::pair<unsigned long, std::uint64_t>, std::map<std::uint64_t, std::uint64_t>>
      collections;
  std::set<unsigned long> scanned;
};
CheckedHeaps& checked_heaps() {
  static CheckedHeaps heaps;
  return heaps;
}

unsigned long file_number(hid_t object) {
  H5O_info_t info{};
  check_status(H5Oget_info2(object, &info, H5O_INFO_BASIC), "object information");
  return info.fileno;
}

const std::map<std::uint64_t, std::uint64_t>& collection_at(const RawFile& file,
                                                            unsigned long number,
                                                            std::uint64_t address) {
  auto& heaps = checked_heaps();
  const auto key = std::make_pair(number, address);
  auto it = heaps.collections.find(key);
  if (it == heaps.collections.end()) {
    it = heaps.collections.emplace(key, parse_collection(file, address)).first;
  }
  return it->second;
}

// Checks every collection whose header starts at one of the first `starts` of `count` bytes
// read from file offset `from`.
void check_collections_in(const RawFile& file, unsigned long number, const unsigned char* bytes,
                          std::size_t count, std::size_t starts, std::uint64_t from) {
  for (std::size_t at = 0; at < starts && at + 16 <= count; ++at) {
    const void* hit = std::memchr(bytes + at, 'G', std::min(starts, count - 15) - at);
    if (hit == nullptr) break;
    at = static_cast<std::size_t>(static_cast<const unsigned char*>(hit) - bytes);
    // A collection's header: "GCOL", version 1, three zero bytes, a plausible size. Chunk
    // data can hold "GCOL" by chance; all eight bytes and the size by chance, practically never.
    const std::uint64_t offset = from + at;
    if (offset < file.base || std::memcmp(bytes + at, "GCOL\x01\0\0\0", 8) != 0) continue;
    const std::uint64_t size = little_endian(bytes + at + 8, 8);
    if (size >= kMinCollection && size <= kMaxCollection && size <= file.size - offset) {
      (void)collection_at(file, number, offset - file.base);
    }
  }
}

// Checks the collections whose headers start in [from, to), a block at a time into one buffer:
// a whole window read at once cost a zero-filled allocation, its page faults and a copy of
// 17 MiB per open, more than the rest of a small file's summary.
void check_collections_between(const RawFile& file, unsigned long number, std::uint64_t from,
                               std::uint64_t to) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  constexpr std::size_t kHeader = 16;
  thread_local std::vector<unsigned char> buffer(kBlock + kHeader - 1);
  for (std::uint64_t at = from; at < to; at += kBlock) {
    // A header that starts in this block may end up to 15 bytes past it.
    const auto count =
        static_cast<std::size_t>(std::min<std::uint64_t>(to - at, kBlock + kHeader - 1));
    if (!file.read_into(at, count, buffer.data())) return;
    const std::size_t starts = std::min(count, kBlock);
    check_collections_in(file, number, buffer.data(), count, starts, at);
  }
}

// Checks the collections at the head and the tail of the file, once per open file.
void check_collections_of(hid_t object, const RawFile& file) {
  const unsigned long number = file_number(object);
  auto& heaps = checked_heaps();
  const std::lock_guard lock(heaps.mutex);
  if (heaps.scanned.contains(number)) return;
  const std::uint64_t head = std::min(file.size, kHeadWindow);
  check_collections_between(file, number, 0, head);
  if (file.size > head) {
    check_collections_between(file, number, std::max(head, file.size - kTailWindow), file.size);
  }
  heaps.scanned.insert(number);  // only once every collection found was sound
}

// Checks heap IDs read raw from the file: each names an existing object of its length.
void check_heap_ids(hid_t object, const RawFile& file, const std::vector<unsigned char>& ids,
                    const std::string& what) {
  const unsigned long number = file_number(object);
  auto& heaps = checked_heaps();
  const std::lock_guard lock(heaps.mutex);
  for (std::size_t at = 0; at + kHeapIdBytes <= ids.size(); at += kHeapIdBytes) {
    const std::uint64_t length = little_endian(ids.data() + at, 4);
    const std::uint64_t address = little_endian(ids.data() + at + 4, 8);
    const std::uint64_t index = little_endian(ids.data() + at + 12, 4);
    if (address == 0) {
      if (length != 0) {
        throw H5Error(file.path + ": damaged: " + what + "[" + std::to_string(at / kHeapIdBytes) +
                      "] has a length but no heap object");
      }
      continue;
    }
    const auto holds = [&](const std::map<std::uint64_t, std::uint64_t>& objects) {
      const auto found = objects.find(index);
      return found != objects.end() && found->second == length;
    };
    if (!holds(collection_at(file, number, address))) {
      // Another process may have added strings since the collection was checked (a reader of
      // a file still being written): read it again before calling the ID damaged.
      heaps.collections.erase(std::make_pair(number, address));
    }
    if (!holds(collection_at(file, number, address))) {
      throw H5Error(file.path + ": damaged: " + what + "[" + std::to_string(at / kHeapIdBytes) +
                    "] names heap object " + std::to_string(index) + " of " +
                    std::to_string(length) + " bytes, which the collection at byte " +
                    std::to_string(file.base + address) + " does not hold");
    }
  }
}

// Before a variable-length string dataset is read: its collections and its heap IDs. The IDs
// of a contiguous dataset are read from the file directly; other layouts (not written by
// Rampart) rely on the collection scan alone.
void check_string_dataset(hid_t dataset) {
  const RawFile file(dataset);
  if (!file.checkable) return;
  check_collections_of(dataset, file);
  const haddr_t offset = H5Dget_offset(dataset);
  if (offset == HADDR_UNDEF) {
    H5Eclear2(H5E_DEFAULT);
    return;
  }
  const auto dims = extent(dataset);
  std::uint64_t n = 1;
  for (const hsize_t d : dims) n *= d;
  if (n > file.size / kHeapIdBytes) {
    throw H5Error(file.path + ": damaged: a string dataset is larger than the file");
  }
  const auto ids = file.read(file.base + offset, n * kHeapIdBytes);
  if (ids.size() != n * kHeapIdBytes) {
    throw H5Error(file.path + ": damaged: a string dataset runs past the end of the file");
  }
  char name[256] = "";
  H5Iget_name(dataset, name, sizeof name);
  check_heap_ids(dataset, file, ids, name);
}

}  // namespace

std::string read_string_attribute(hid_t object, const char* name) {
  const Handle attribute(H5Aopen(object, name, H5P_DEFAULT), std::string("open attribute ") + name);
  const Handle file_type(H5Aget_type(attribute.id()), "attribute type");
  if (H5Tget_class(file_type.id()) != H5T_STRING) {
    throw H5Error(std::string("attribute ") + name + " is not a string");
  }
  if (H5Tis_variable_str(file_type.id()) > 0) {
    // An attribute's heap ID sits in the object header, out of our reach: its collection is
    // checked (the scan), the ID itself only by HDF5.
    if (const RawFile file(object); file.checkable) check_collections_of(object, file);
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
  check_string_dataset(dataset);
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
  check_string_dataset(dataset);
  const Handle type = string_type();
  char* pointer = nullptr;
  check_status(
      H5Dread(dataset, type.id(), memory_space.id(), file_space.id(), H5P_DEFAULT, &pointer),
      "read string");
  std::string text = pointer != nullptr ? pointer : "";
  H5free_memory(pointer);
  return text;
}

int file_descriptor(hid_t file) {
  const hid_t access = H5Fget_access_plist(file);
  if (access < 0) return -1;
  const bool sec2 = H5Pget_driver(access) == H5FD_SEC2;
  H5Pclose(access);
  void* handle = nullptr;
  if (!sec2 || H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) < 0 || handle == nullptr) return -1;
  return *static_cast<int*>(handle);
}

void prefetch_chunk(hid_t dataset, const std::vector<hsize_t>& offset, int fd) {
  if (fd < 0) return;
  unsigned filter_mask = 0;
  haddr_t address = HADDR_UNDEF;
  hsize_t size = 0;
  if (H5Dget_chunk_info_by_coord(dataset, offset.data(), &filter_mask, &address, &size) < 0 ||
      address == HADDR_UNDEF || size == 0) {
    H5Eclear2(H5E_DEFAULT);
    return;
  }
  ::posix_fadvise(fd, static_cast<off_t>(address), static_cast<off_t>(size), POSIX_FADV_WILLNEED);
}

bool read_raw_chunk(hid_t dataset, const std::vector<hsize_t>& offset,
                    std::vector<unsigned char>& bytes) {
  hsize_t stored = 0;
  check_status(H5Dget_chunk_storage_size(dataset, offset.data(), &stored), "chunk size");
  if (stored == 0) return false;
  bytes.resize(static_cast<std::size_t>(stored));
  std::uint32_t skipped_filters = 0;
  check_status(H5Dread_chunk(dataset, H5P_DEFAULT, offset.data(), &skipped_filters, bytes.data()),
               "read a chunk");
  return skipped_filters == 0;
}

}  // namespace rampart::engine::h5
