"""Generator of the synthetic fixtures of this directory (run once; the outputs are committed)."""
import math
import random


def main():
    random.seed(15)
    occ = [  # code, title, exposure, base employment (May 2022), base mean wage
     ("11-1011", "Chief Executives", 0.05, 200000, 250000),
     ("11-1021", "General and Operations Managers", 0.25, 3000000, 130000),
     ("13-1020", "Buyers and Purchasing Agents", 0.40, 150000, 75000),
     ("13-2011", "Accountants and Auditors", 0.60, 1400000, 90000),
     ("15-1252", "Software Developers", 0.90, 1600000, 140000),
     ("15-1211", "Computer Systems Analysts", 0.70, 500000, 110000),
     ("43-9021", "Data Entry Keyers", 0.95, 50000, 40000),
     ("43-4051", "Customer Service Representatives", 0.80, 2900000, 42000),
     ("41-2031", "Retail Salespersons", 0.30, 3600000, 35000),
     ("53-7062", "Laborers and Freight, Stock, and Material Movers, Hand", 0.10, 3000000, 38000),
    ]
    years = [2021, 2022, 2023, 2024, 2025]
    g = {2021: 0.96, 2022: 1.0, 2023: 1.02, 2024: 1.03, 2025: 1.04}
    h = {2021: 0.95, 2022: 1.0, 2023: 1.04, 2024: 1.08, 2025: 1.11}
    beta = {2021: 0.0, 2022: 0.0, 2023: -0.10, 2024: -0.20, 2025: -0.30}
    head = "NAICS,NAICS_TITLE,I_GROUP,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,H_MEAN,A_MEAN,MEAN_PRSE,H_MEDIAN,A_MEDIAN\n"
    for t in years:
        lines = [head]
        for code, title, e, emp0, w0 in occ:
            u = random.uniform(-0.01, 0.01); v = random.uniform(-0.02, 0.02)
            emp = round(emp0 * g[t] * math.exp(beta[t] * e + u), -1)
            wage = round(w0 * h[t] * math.exp(v), -1)
            lines.append(f'000000,Cross-industry,cross-industry,{code},"{title}",detailed,"{int(emp):,}",1.0,{wage/2080:.2f},"{int(wage):,}",0.5,{wage*0.9/2080:.2f},"{int(wage*0.9):,}"\n')
        if t in (2021, 2023):  # published in two years only: flagged unbalanced
            lines.append('000000,Cross-industry,cross-industry,29-1024,Prosthodontists,detailed,800,5.0,110.00,"228,800",2.0,100.00,"208,000"\n')
        lines.insert(1, '000000,Cross-industry,cross-industry,00-0000,All Occupations,total,"16,400,000",0.1,30.00,"62,400",0.1,25.00,"52,000"\n')
        open(f"oews_M{t}.csv", "w").write("".join(lines))
    open("exposure.csv", "w").write("soc_code,beta\n" + "".join(f"{c},{e}\n" for c, _, e, _, _ in occ))


if __name__ == "__main__":
    main()
