"""Calls the Hive API from Python with stubs generated at run time from the repository's .proto files.

Usage: interop.py PROTO_ROOT REFLECTION_PROTO_DIR ADDRESS TOKEN SCRIPT WORK_DIR

Generates the stubs with grpc_tools.protoc into WORK_DIR, then: adds a runner (SCRIPT, a Lua strategy that trades on
every bar), watches its events until an order and a fill arrive, lists the runners, removes the runner, checks that
the watch ends with REMOVED, and lists the services through server reflection. Prints one line per step; exits
non-zero naming the step that failed.
"""
import glob
import os
import subprocess
import sys


def generate(proto_root, reflection_dir, out):
    protos = sorted(os.path.relpath(p, proto_root) for p in glob.glob(os.path.join(proto_root, "hive", "v1", "*.proto")))
    if not protos:
        sys.exit(f"no .proto files under {proto_root}/hive/v1")
    command = [sys.executable, "-m", "grpc_tools.protoc", f"-I{proto_root}", f"-I{reflection_dir}",
               f"--python_out={out}", f"--grpc_python_out={out}", *protos, "reflection.proto"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"protoc failed: {result.stderr.strip()}")
    print(f"generated stubs for {len(protos) + 1} files")


def main():
    proto_root, reflection_dir, address, token, script, work = sys.argv[1:7]
    generate(proto_root, reflection_dir, work)
    sys.path.insert(0, work)

    import grpc
    from hive.v1 import runners_pb2, runners_pb2_grpc
    import reflection_pb2
    import reflection_pb2_grpc

    metadata = [("authorization", f"Bearer {token}")]
    channel = grpc.insecure_channel(address)
    runners = runners_pb2_grpc.RunnerServiceStub(channel)

    added = runners.AddRunners(runners_pb2.AddRunnersRequest(specs=[f"py_alt:LINKUSDT:{script}"]), metadata=metadata, timeout=60)
    print("added", ",".join(r.id for r in added.runners))

    seen = set()
    watch = runners.Watch(runners_pb2.WatchRequest(id="py_alt"), metadata=metadata, timeout=120)
    for event in watch:
        seen.add(runners_pb2.RunnerEventKind.Name(event.kind))
        if {"RUNNER_EVENT_KIND_SNAPSHOT", "RUNNER_EVENT_KIND_ORDER", "RUNNER_EVENT_KIND_FILL"} <= seen:
            break
    watch.cancel()
    print("watched", ",".join(sorted(seen)))

    listed = runners.ListRunners(runners_pb2.ListRunnersRequest(symbol="LINKUSDT"), metadata=metadata, timeout=60)
    print("listed", ",".join(f"{r.id}:{r.orders_filled > 0}" for r in listed.runners))

    second = runners.Watch(runners_pb2.WatchRequest(id="py_alt"), metadata=metadata, timeout=120)
    next(second)  # the snapshot: the watch is running before the runner goes
    runners.RemoveRunner(runners_pb2.RunnerRequest(id="py_alt"), metadata=metadata, timeout=60)
    last = None
    for event in second:
        last = runners_pb2.RunnerEventKind.Name(event.kind)
    print("removed, watch ended with", last)

    try:
        runners.GetRunner(runners_pb2.RunnerRequest(id="py_alt"), metadata=metadata, timeout=60)
        print("get after remove: found")
    except grpc.RpcError as error:
        print("get after remove:", error.code().name, error.details())

    try:
        runners.ListRunners(runners_pb2.ListRunnersRequest(), timeout=60)
        print("without token: allowed")
    except grpc.RpcError as error:
        print("without token:", error.code().name)

    reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
    responses = reflection.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), metadata=metadata, timeout=60)
    names = sorted(s.name for response in responses for s in response.list_services_response.service)
    print("services", ",".join(names))


if __name__ == "__main__":
    main()
