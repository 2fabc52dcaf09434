def test_lijst_leeg_voor_buitenstaander(leden, als):
    response = als(leden["buitenstaander"]).get("/api/v1/bestuursprocessen")
    assert response.status_code == 200
    assert response.json()["count"] == 0
