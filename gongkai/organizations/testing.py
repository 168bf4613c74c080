URL_KWARGS = {
    "org_id": lambda world: world["orgs"]["yuandian"].pk,
}
