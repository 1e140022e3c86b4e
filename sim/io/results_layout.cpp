#include "rampart/engine/results_layout.hpp"

#include <cstddef>

namespace rampart::engine {

h5::Handle event_memory_type() {
  h5::Handle type(H5Tcreate(H5T_COMPOUND, sizeof(EventRow)), "create event type");
  const hid_t id = type.id();
  h5::check_status(H5Tinsert(id, "scenario", offsetof(EventRow, scenario), H5T_NATIVE_INT16),
                   "event type");
  h5::check_status(H5Tinsert(id, "run", offsetof(EventRow, run), H5T_NATIVE_INT64), "event type");
  h5::check_status(H5Tinsert(id, "year", offsetof(EventRow, year), H5T_NATIVE_INT16), "event type");
  h5::check_status(H5Tinsert(id, "kind", offsetof(EventRow, kind), H5T_NATIVE_INT8), "event type");
  h5::check_status(H5Tinsert(id, "country", offsetof(EventRow, country), H5T_NATIVE_INT8),
                   "event type");
  h5::check_status(H5Tinsert(id, "value", offsetof(EventRow, value), H5T_NATIVE_FLOAT),
                   "event type");
  return type;
}

h5::Handle event_file_type() {
  // Little-endian fields packed in declaration order: 18 bytes a row on every platform.
  h5::Handle type(H5Tcreate(H5T_COMPOUND, 18), "create event file type");
  const hid_t id = type.id();
  h5::check_status(H5Tinsert(id, "scenario", 0, H5T_STD_I16LE), "event file type");
  h5::check_status(H5Tinsert(id, "run", 2, H5T_STD_I64LE), "event file type");
  h5::check_status(H5Tinsert(id, "year", 10, H5T_STD_I16LE), "event file type");
  h5::check_status(H5Tinsert(id, "kind", 12, H5T_STD_I8LE), "event file type");
  h5::check_status(H5Tinsert(id, "country", 13, H5T_STD_I8LE), "event file type");
  h5::check_status(H5Tinsert(id, "value", 14, H5T_IEEE_F32LE), "event file type");
  return type;
}

}  // namespace rampart::engine
