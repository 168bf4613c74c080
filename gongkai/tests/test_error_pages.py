def test_missing_pages_answer_in_chinese(client, db):
    r = client.get("/no-such-page/")
    assert r.status_code == 404
    assert "页面不存在" in r.content.decode()


def test_forbidden_answers_in_chinese(client_for, orgs):
    r = client_for("sz_supervisor").get(f"/staff/organizations/{orgs['yuandian'].pk}/edit/")
    assert r.status_code == 403
    assert "无权访问" in r.content.decode()
