"""Print the load figures per endpoint from Locust's CSV (``make load``), as Markdown."""

import argparse
import csv


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    for name in ("workers", "users", "students", "documents", "time"):
        parser.add_argument(f"--{name}", default="")
    args = parser.parse_args()
    with open(args.csv, newline="") as fh:
        rows = list(csv.DictReader(fh))
    print(
        f"\n{args.users} users, {args.time}, {args.workers} gunicorn workers, "
        f"{args.students} students, {args.documents} documents\n"
    )
    print("| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        name = "**all**" if row["Name"] == "Aggregated" else f"`{row['Type']} {row['Name']}`"
        print(
            f"| {name} | {row['Request Count']} | {float(row['Requests/s']):.1f} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} | {row['Failure Count']} |"
        )


if __name__ == "__main__":
    main()
