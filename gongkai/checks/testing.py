from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "reports" / "tests" / "fixtures" / "seed_000_4cafe9524c14d923.txt"


def make_check(world):
    """A checked report of 原店镇 (the seed), checked by 陕州区's supervisor."""
    from . import services

    data = SEED.read_bytes()
    report = services.read_and_validate(data, SEED.name, organization=world["orgs"]["yuandian"])
    return services.record_check(
        organization=world["orgs"]["yuandian"],
        year=2024,
        name=SEED.name,
        data=data,
        report=report,
        by=world["users"]["sz_supervisor"],
    )


URL_KWARGS = {"check_id": lambda world: make_check(world).pk}
